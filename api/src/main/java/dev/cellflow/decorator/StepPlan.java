package dev.cellflow.decorator;

import dev.cellflow.Batch;
import dev.cellflow.CellflowException;
import dev.cellflow.Resources;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * Where and with what a step runs, from its annotations and the {@code --with} options.
 *
 * @param step the step
 * @param backend the compute backend's name ({@code local}, {@code batch})
 * @param resources what it asks for
 */
public record StepPlan(String step, String backend, StepResources resources) {
  private static final Set<String> RESOURCES_KEYS = Set.of("cpu", "memory", "gpu");

  /** The plan for step method {@code m} under the {@code withs}. */
  public static StepPlan of(Method m, List<WithSpec> withs) {
    String step = m.getName();
    StepResources res = StepResources.DEFAULT;
    Resources r = m.getAnnotation(Resources.class);
    if (r != null) {
      res = StepResources.of(r, step);
    }
    String backend = "local";
    Batch b = m.getAnnotation(Batch.class);
    if (b != null) {
      backend = "batch";
      res = res.max(new StepResources(b.cpu(), b.memory(), b.gpu()).checked("@Batch", step));
    }
    for (WithSpec w : withs) {
      switch (w.name()) {
        case "resources" -> {
          for (String k : w.args().keySet()) {
            if (!RESOURCES_KEYS.contains(k)) {
              throw new CellflowException("--with resources:" + k + "=...: unknown key '" + k
                  + "'; resources takes " + RESOURCES_KEYS);
            }
          }
          StepResources cli = new StepResources(w.intArg("cpu", 1), w.intArg("memory", 1),
              w.intArg("gpu", 0)).checked("--with resources", step);
          res = res.max(cli);
        }
        case "batch" -> backend = "batch";
        default -> throw new CellflowException("--with " + w.name() + ": unknown decorator '"
            + w.name() + "'; known: resources, batch");
      }
    }
    return new StepPlan(step, backend, res);
  }
}
