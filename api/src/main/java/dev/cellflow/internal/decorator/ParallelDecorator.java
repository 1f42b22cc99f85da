package dev.cellflow.internal.decorator;

import dev.cellflow.Parallel;
import java.util.List;
import java.util.Map;

/**
 * {@code @Parallel(nodes = N)}: the step is a multi-node job, {@code numNodes} among the backend
 * arguments, which only the Batch backend runs; so it plans after the decorators that choose
 * the backend.
 */
public final class ParallelDecorator implements StepDecorator {
  @Override
  public String name() {
    return "parallel";
  }

  @Override
  public int order() {
    return 1;
  }

  @Override
  public StepHook plan(StepPlan.Builder plan, List<WithSpec> withs) {
    Parallel p = plan.method().getAnnotation(Parallel.class);
    if (p != null) {
      plan.backendArgs(BatchArgs.withNodes(p, plan.backend(), plan.step(), Map.of()));
    }
    return null;
  }
}
