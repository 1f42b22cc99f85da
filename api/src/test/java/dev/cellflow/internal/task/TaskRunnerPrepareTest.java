package dev.cellflow.internal.task;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cellflow.FlowSpec;
import dev.cellflow.Step;
import org.junit.jupiter.api.Test;

class TaskRunnerPrepareTest {
  private static final TaskRunner RUNNER =
      TaskRunner.forWarmWorker(TaskRunnerPrepareTest.class.getClassLoader());
  static volatile boolean initialized;

  /** A flow whose static initializer is user code: it belongs to the first task, not before. */
  public static class Noisy extends FlowSpec {
    static {
      initialized = true;
    }

    @Step
    public void start() {
      next(this::end);
    }

    @Step
    public void end() {}
  }

  @Test
  void preparingAFlowRunsNoneOfItsCode() {
    RUNNER.prepare(Noisy.class.getName());
    assertFalse(initialized, "the flow's static initializer ran before any task");
  }

  @Test
  void whatCannotBePreparedIsLeftForTheTaskToReport() {
    assertDoesNotThrow(() -> RUNNER.prepare(null));
    assertDoesNotThrow(() -> RUNNER.prepare("no.such.Flow"));
    assertDoesNotThrow(() -> RUNNER.prepare(String.class.getName())); // not a flow
    assertDoesNotThrow(() -> RUNNER.prepare("cell:x"));
  }
}
