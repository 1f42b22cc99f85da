package dev.cellflow.internal.task;

/**
 * Which loader the flow's classes come from for the next task of a process: the parent (a
 * process of one task, or a flow whose classes cannot be told apart from cellflow's), or a
 * {@link FlowLoader}, kept while the classes it defined hold no state and renewed after a task
 * that ran with classes that can.
 */
final class FlowLoaders {
  private final ClassLoader parent;
  private final boolean own;
  private boolean sourceFound;
  private FlowLoader.Source source; // where the flow's own classes are; null: in the parent
  private FlowLoader loader; // the next task's; null: a new one
  private boolean used; // by a task, not only to prepare

  FlowLoaders(ClassLoader parent, boolean own) {
    this.parent = parent;
    this.own = own;
  }

  /**
   * The loader of the flow's classes for the next task of flow class {@code flowClass}: the one
   * the last task used while its classes hold no state, else a new one. {@code forTask}: a task
   * will run with it (not only prepare for one).
   */
  synchronized ClassLoader next(String flowClass, boolean forTask) {
    if (!own) {
      return parent;
    }
    if (!sourceFound) {
      source = FlowLoader.Source.of(flowClass, parent);
      sourceFound = true;
    }
    if (source == null || !source.owns(flowClass)) {
      return parent;
    }
    if (renews()) {
      loader = null;
    }
    if (loader == null) {
      loader = new FlowLoader(source, parent);
      used = false;
    }
    used |= forTask;
    return loader;
  }

  /** Whether the next task gets a new loader: the last task ran with classes that hold state. */
  synchronized boolean renews() {
    return loader != null && used && loader.holdsState();
  }
}
