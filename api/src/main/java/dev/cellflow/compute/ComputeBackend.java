package dev.cellflow.compute;

import java.util.function.Consumer;

/**
 * Runs tasks somewhere: in local processes, on AWS Batch. The runtime hands it a task and gets
 * exactly one {@link TaskOutcome} back, after the task's logs are complete.
 */
public interface ComputeBackend extends AutoCloseable {
  /** Starts {@code launch}; {@code done} is called once, from any thread, when it has ended. */
  void launch(TaskLaunch launch, Consumer<TaskOutcome> done);

  /**
   * The run's first task, of a step asking for {@code resources}, comes next; called once, just
   * after the backend opens. A backend may get ready for it now (the local one boots a task
   * process for that heap, unless one boots already); the default does nothing.
   */
  default void prestart(StepResources resources) {}

  /** Ends every task still running (the run failed or was interrupted). */
  void killAll();

  /** Releases processes and connections. */
  @Override
  void close();
}
