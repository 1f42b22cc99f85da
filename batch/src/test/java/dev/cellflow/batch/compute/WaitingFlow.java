package dev.cellflow.batch.compute;

import dev.cellflow.Batch;
import dev.cellflow.FlowSpec;
import dev.cellflow.Retry;
import dev.cellflow.Step;

/** A Batch step that waits until someone kills it; a retry would run it again. */
public class WaitingFlow extends FlowSpec {
  @Batch(memory = 1000)
  @Retry(times = 1, minutesBetweenRetries = 0) // a retry would start at once
  @Step public void start() throws InterruptedException {
    System.out.println("waiting to be killed");
    Thread.sleep(120_000);
    next(this::end);
  }

  @Step public void end() {}

  public static void main(String[] args) {
    FlowSpec.main(WaitingFlow.class, args);
  }
}
