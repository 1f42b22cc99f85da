package dev.cellflow.internal.runtime;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.StepFailure;
import dev.cellflow.internal.decorator.StepPlan;
import dev.cellflow.internal.graph.StepNode;
import dev.cellflow.internal.graph.Transition;
import java.lang.reflect.Field;

/** Where {@code @Catch} can be: a step that is not a join and goes on to one step, or the end. */
final class CatchCheck {
  private CatchCheck() {}

  static void check(Class<? extends FlowSpec> flow, StepNode node, StepPlan plan) {
    if (plan.catchVar() == null) {
      return;
    }
    String where = "step '" + node.name() + "': @Catch";
    Transition t = node.transition();
    if (node.join() || t instanceof Transition.Branch || t instanceof Transition.Foreach) {
      throw new CellflowException(where + " is for a step that is not a join and ends with one"
          + " next(...) (or the end step); a caught failure cannot branch or split");
    }
    String var = plan.catchVar();
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
}
