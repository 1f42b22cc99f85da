package dev.cellflow.internal.decorator;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.Services;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The {@link StepDecorator}s found by {@link Services} (ServiceLoader), and planning with them. */
final class Decorators {
  private Decorators() {}

  private static List<StepDecorator> all; // guarded by Decorators.class

  /** Every decorator, in planning order; found once per JVM, as every step's plan needs them. */
  static synchronized List<StepDecorator> all() {
    if (all == null) {
      List<StepDecorator> found = new ArrayList<>(Services.load(StepDecorator.class,
          StepDecorator.class.getClassLoader()));
      found.sort(Comparator.comparingInt(StepDecorator::order)); // stable: file order in ties
      all = List.copyOf(found);
    }
    return all;
  }

  static StepPlan plan(Method m, List<WithSpec> withs) {
    List<StepDecorator> decorators = all();
    for (WithSpec w : withs) {
      if (decorators.stream().noneMatch(d -> d.takesWith() && d.name().equals(w.name()))) {
        throw new CellflowException("--with " + w.name() + ": unknown decorator '" + w.name()
            + "'; known: " + String.join(", ", decorators.stream()
                .filter(StepDecorator::takesWith).map(StepDecorator::name).toList()));
      }
    }
    StepPlan.Builder plan = new StepPlan.Builder(m);
    List<StepHook> hooks = new ArrayList<>();
    for (StepDecorator d : decorators) {
      StepHook h = d.plan(plan, d.takesWith()
          ? withs.stream().filter(w -> w.name().equals(d.name())).toList() : List.of());
      if (h != null) {
        hooks.add(h);
      }
    }
    return plan.build(hooks);
  }
}
