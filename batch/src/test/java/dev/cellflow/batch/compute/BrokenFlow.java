package dev.cellflow.batch.compute;

import dev.cellflow.Batch;
import dev.cellflow.FlowSpec;
import dev.cellflow.Step;

/** A Batch step that fails. */
public class BrokenFlow extends FlowSpec {
  @Batch(memory = 1000)
  @Step public void start() {
    System.out.println("looking for the input");
    if (System.getenv("CELLFLOW_TEST_INPUT") == null) {
      throw new IllegalStateException("no input for day 2026-11-25");
    }
    next(this::end);
  }

  @Step public void end() {}

  public static void main(String[] args) {
    FlowSpec.main(BrokenFlow.class, args);
  }
}
