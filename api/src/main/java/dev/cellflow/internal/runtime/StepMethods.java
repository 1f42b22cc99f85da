package dev.cellflow.internal.runtime;

import dev.cellflow.FlowSpec;
import java.lang.reflect.Method;

/** Finds a step's method in a flow class or its superclasses. */
final class StepMethods {
  private StepMethods() {}

  static Method of(Class<? extends FlowSpec> flow, String step) {
    for (Class<?> c = flow; c != FlowSpec.class && c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(step) && !m.isBridge()) {
          return m;
        }
      }
    }
    throw new IllegalStateException("no method for step " + step + " in " + flow.getName());
  }
}
