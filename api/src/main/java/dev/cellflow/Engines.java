package dev.cellflow;

import java.util.ServiceLoader;

/** The {@link FlowEngine}, looked up on first use: a class path without one is told so. */
final class Engines {
  private static volatile FlowEngine engine;

  private Engines() {}

  static FlowEngine get() {
    FlowEngine e = engine;
    if (e == null) {
      e = find(System.getProperty(FlowEngine.class.getName()));
      engine = e;
    }
    return e;
  }

  /**
   * The engine class {@code named} (the system property {@code dev.cellflow.FlowEngine}), else
   * the first that {@link ServiceLoader} finds. The property is the JDK's own order for a
   * provider (as {@code SelectorProvider} finds its): a JVM the runtime starts is told which
   * engine to make, and so does not open a jar to read a service file (about 35 ms of CPU for
   * a jar of 10,000 entries, in a JVM whose classes all come from a class-data archive).
   */
  static FlowEngine find(String named) {
    // the loader that holds this package holds cellflow's runtime too (its jar, a fat jar)
    ClassLoader loader = FlowEngine.class.getClassLoader();
    if (named != null && !named.isBlank()) {
      try {
        return Class.forName(named.trim(), true, loader).asSubclass(FlowEngine.class)
            .getConstructor().newInstance();
      } catch (ReflectiveOperationException | ClassCastException | LinkageError x) {
        throw new CellflowException("-D" + FlowEngine.class.getName() + "=" + named
            + " names no FlowEngine this class path can make (" + x + "); drop the option", x);
      }
    }
    return ServiceLoader.load(FlowEngine.class, loader).findFirst()
        .orElseThrow(() -> new CellflowException("no cellflow runtime on the class path (no"
            + " META-INF/services/dev.cellflow.FlowEngine): put the cellflow-api jar, whole,"
            + " on the class path, or keep service files when you merge jars"));
  }

  /** The running step, or an error saying that {@code what} needs one. */
  static FlowEngine.RunningStep running(String what) {
    FlowEngine.RunningStep s = get().running();
    if (s == null) {
      throw new CellflowException(
          what + " can only be called while cellflow runs a step (inside a @Step method)");
    }
    return s;
  }
}
