package dev.cellflow.internal.decorator;

import dev.cellflow.CellflowException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** The {@link StepDecorator}s found by ServiceLoader, and planning with them. */
final class Decorators {
  private Decorators() {}

  private static List<StepDecorator> all; // guarded by Decorators.class

  /** Every decorator, in planning order; found once per JVM, as every step's plan needs them. */
  static synchronized List<StepDecorator> all() {
    if (all == null) {
      List<StepDecorator> sorted = new ArrayList<>();
      for (StepDecorator d : java.util.ServiceLoader.load(StepDecorator.class,
          StepDecorator.class.getClassLoader())) {
        int i = sorted.size(); // after those of its order: ties keep the service files' order
        while (i > 0 && sorted.get(i - 1).order() > d.order()) {
          i--;
        }
        sorted.add(i, d);
      }
      all = List.copyOf(sorted);
    }
    return all;
  }

  static StepPlan plan(Method m, List<WithSpec> withs) {
    // loops, not streams: this runs as a run starts, where each first lambda costs a starting JVM
    List<StepDecorator> decorators = all();
    for (WithSpec w : withs) {
      if (takingWith(decorators, w.name()) == null) {
        List<String> known = new ArrayList<>();
        for (StepDecorator d : decorators) {
          if (d.takesWith()) {
            known.add(d.name());
          }
        }
        throw new CellflowException("--with " + w.name() + ": unknown decorator '" + w.name()
            + "'; known: " + String.join(", ", known));
      }
    }
    StepPlan.Builder plan = new StepPlan.Builder(m);
    List<StepHook> hooks = new ArrayList<>();
    for (StepDecorator d : decorators) {
      List<WithSpec> mine = new ArrayList<>();
      for (WithSpec w : withs) {
        if (d.takesWith() && w.name().equals(d.name())) {
          mine.add(w);
        }
      }
      StepHook h = d.plan(plan, mine);
      if (h != null) {
        hooks.add(h);
      }
    }
    return plan.build(hooks);
  }

  private static StepDecorator takingWith(List<StepDecorator> decorators, String name) {
    for (StepDecorator d : decorators) {
      if (d.takesWith() && d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }
}
