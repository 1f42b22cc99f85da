package dev.cellflow.batch.compute;

import dev.cellflow.Batch;
import dev.cellflow.FlowSpec;
import dev.cellflow.Step;
import dev.cellflow.Timeout;

/** A Batch step that outlives its @Timeout. */
public class SlowFlow extends FlowSpec {
  @Batch(memory = 1000)
  @Timeout(seconds = 8) // room for the JVM to start in the job first
  @Step public void start() throws InterruptedException {
    System.out.println("starting a long sleep");
    Thread.sleep(120_000);
    next(this::end);
  }

  @Step public void end() {}

  public static void main(String[] args) {
    FlowSpec.main(SlowFlow.class, args);
  }
}
