package dev.cellflow.internal.decorator;

import dev.cellflow.compute.StepResources;
import dev.cellflow.Batch;
import java.util.List;
import java.util.Map;

/**
 * {@code @Batch} and {@code --with batch[:k=v,...]}: the step runs on the {@code batch}
 * backend, with the sizes and backend arguments they give; the code's own {@code @Batch} wins
 * over the command line, whose keys are checked all the same.
 */
public final class BatchDecorator implements StepDecorator {
  @Override
  public String name() {
    return "batch";
  }

  @Override
  public boolean takesWith() {
    return true;
  }

  @Override
  public StepHook plan(StepPlan.Builder plan, List<WithSpec> withs) {
    Batch b = plan.method().getAnnotation(Batch.class);
    if (b != null) {
      plan.runOn("batch", "@Batch")
          .ask(StepResources.written(b.cpu(), b.memory(), b.gpu(), "@Batch", plan.step()))
          .backendArgs(BatchArgs.of(b));
    }
    Map<String, String> args = null;
    for (WithSpec w : withs) {
      BatchArgs.checkKeys(w);
      if (b == null) {
        plan.ask(w.sizes("--with batch", plan.step()));
        args = BatchArgs.withoutSizes(w.args()); // the last --with batch gives the arguments
      }
    }
    if (args != null) {
      plan.runOn("batch", "--with batch").backendArgs(args);
    }
    return null;
  }
}
