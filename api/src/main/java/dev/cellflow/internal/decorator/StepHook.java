package dev.cellflow.internal.decorator;

import dev.cellflow.FlowSpec;
import dev.cellflow.internal.graph.StepNode;

/** What a {@link StepDecorator} does around the tasks of one step, with its settings there. */
public interface StepHook {
  /**
   * Before a run: an error naming the step when the decorator cannot apply to {@code node}
   * of {@code flow} (a {@code @Catch} on a join, a {@code var} that names no field, ...).
   */
  default void check(Class<? extends FlowSpec> flow, StepNode node) {}

  /**
   * What to do about {@code attempt}, which failed: run the task again, let the flow go on past
   * it, or null to leave it to the step's other decorators (the run fails when none takes it).
   */
  default Recovery failed(FailedAttempt attempt) {
    return null;
  }
}
