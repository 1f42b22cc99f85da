package dev.cellflow.compute;


/**
 * A task to start: what to run, with what, and where its output goes.
 *
 * @param spec the task
 * @param resources what its step asks for
 * @param timeoutSeconds after how long the backend ends it ({@code @Timeout}), 0 for never
 * @param logs where its output lines go
 * @param backendArgs the backend's own arguments as text ({@code @Batch(queue = ...)} or
 *     {@code --with batch:queue=...}); empty for none
 */
public record TaskLaunch(TaskSpec spec, StepResources resources, long timeoutSeconds,
    TaskLogs logs, java.util.Map<String, String> backendArgs) {
  /** A launch with no backend arguments. */
  public TaskLaunch(TaskSpec spec, StepResources resources, long timeoutSeconds, TaskLogs logs) {
    this(spec, resources, timeoutSeconds, logs, java.util.Map.of());
  }
}
