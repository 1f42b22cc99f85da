package dev.cellflow;

import java.util.ServiceLoader;

/** The {@link FlowEngine}, looked up on first use: a class path without one is told so. */
final class Engines {
  private static volatile FlowEngine engine;

  private Engines() {}

  static FlowEngine get() {
    FlowEngine e = engine;
    if (e == null) {
      // the loader that holds this package holds cellflow's runtime too (its jar, a fat jar)
      e = ServiceLoader.load(FlowEngine.class, FlowEngine.class.getClassLoader()).findFirst()
          .orElseThrow(() -> new CellflowException("no cellflow runtime on the class path (no"
              + " META-INF/services/dev.cellflow.FlowEngine): put the cellflow-api jar, whole,"
              + " on the class path, or keep service files when you merge jars"));
      engine = e;
    }
    return e;
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
