package dev.cellflow.batch.compute;

import dev.cellflow.Batch;
import dev.cellflow.Current;
import dev.cellflow.FlowSpec;
import dev.cellflow.Retry;
import dev.cellflow.Step;

/** A Batch step whose first attempt fails. */
public class RetriedFlow extends FlowSpec {
  @Batch(memory = 1000)
  @Retry(times = 1, minutesBetweenRetries = 0)
  @Step public void start() {
    int attempt = Current.get().attempt();
    System.out.println("attempt " + attempt + " in job " + System.getenv("AWS_BATCH_JOB_ID"));
    if (attempt == 0) {
      throw new IllegalStateException("the first attempt fails");
    }
    next(this::end);
  }

  @Step public void end() {}

  public static void main(String[] args) {
    FlowSpec.main(RetriedFlow.class, args);
  }
}
