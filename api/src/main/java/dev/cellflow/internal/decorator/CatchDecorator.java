package dev.cellflow.internal.decorator;

import dev.cellflow.Catch;
import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.StepFailure;
import dev.cellflow.internal.graph.StepNode;
import dev.cellflow.internal.graph.Transition;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

/**
 * {@code @Catch(var)}: after the step's last attempt fails, the flow goes on past it with the
 * failure stored as a {@link StepFailure} in {@code var} (when given). Only where a caught
 * failure has one way on: a step that is not a join and ends with one {@code next(...)}, or the
 * end step.
 */
public final class CatchDecorator implements StepDecorator {
  @Override
  public String name() {
    return "catch";
  }

  @Override
  public StepHook plan(StepPlan.Builder plan, List<WithSpec> withs) {
    Catch c = plan.method().getAnnotation(Catch.class);
    return c == null ? null : new Hook(c.var());
  }

  private record Hook(String var) implements StepHook {
    @Override
    public void check(Class<? extends FlowSpec> flow, StepNode node) {
      String where = "step '" + node.name() + "': @Catch";
      Transition t = node.transition();
      if (node.join() || t instanceof Transition.Branch || t instanceof Transition.Foreach) {
        throw new CellflowException(where + " is for a step that is not a join and ends with one"
            + " next(...) (or the end step); a caught failure cannot branch or split");
      }
      if (var.isEmpty()) {
        return;
      }
      for (Field f : FlowSpec.Artifacts.fields(flow)) {
        if (f.getName().equals(var)) {
          if (!f.getType().isAssignableFrom(StepFailure.class)) {
            throw new CellflowException(where + "(var = \"" + var + "\"): the field is a "
                + f.getType().getSimpleName() + "; declare it as StepFailure " + var);
          }
          return;
        }
      }
      throw new CellflowException(where + "(var = \"" + var + "\") names no artifact field;"
          + " declare StepFailure " + var + " in " + flow.getSimpleName());
    }

    @Override
    public Recovery failed(FailedAttempt a) {
      return new Recovery.Pass(var.isEmpty() ? Map.of() : Map.of(var,
          new StepFailure(a.step(), a.pathspec(), a.attempt() + 1, a.error())));
    }
  }
}
