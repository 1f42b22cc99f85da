package dev.cellflow.internal.decorator;

import dev.cellflow.compute.StepResources;
import dev.cellflow.CellflowException;
import dev.cellflow.Resources;
import java.util.List;
import java.util.Set;

/** {@code @Resources} and {@code --with resources:cpu=N,memory=MB,gpu=G}: what a step asks for. */
public final class ResourcesDecorator implements StepDecorator {
  private static final Set<String> KEYS = Set.of("cpu", "memory", "gpu");

  @Override
  public String name() {
    return "resources";
  }

  @Override
  public boolean takesWith() {
    return true;
  }

  @Override
  public StepHook plan(StepPlan.Builder plan, List<WithSpec> withs) {
    Resources r = plan.method().getAnnotation(Resources.class);
    if (r != null) {
      plan.ask(StepResources.of(r, plan.step()));
    }
    for (WithSpec w : withs) {
      for (String k : w.args().keySet()) {
        if (!KEYS.contains(k)) {
          throw new CellflowException("--with resources:" + k + "=...: unknown key '" + k
              + "'; resources takes " + KEYS);
        }
      }
      plan.ask(w.sizes("--with resources", plan.step()));
    }
    return null;
  }
}
