package dev.cellflow.batch.compute;

import dev.cellflow.Batch;
import dev.cellflow.FlowSpec;
import dev.cellflow.Step;

/** A Batch step that asks more than the queue "small" can ever give. */
public class HugeFlow extends FlowSpec {
  @Batch(cpu = 4, memory = 6000, queue = "small")
  @Step public void start() {
    next(this::end);
  }

  @Step public void end() {}

  public static void main(String[] args) {
    FlowSpec.main(HugeFlow.class, args);
  }
}
