package dev.cellflow.compute;

import dev.cellflow.decorator.StepResources;
import dev.cellflow.task.TaskSpec;

/**
 * A task to start: what to run, with what, and where its output goes.
 *
 * @param spec the task
 * @param resources what its step asks for
 * @param timeoutSeconds after how long the backend ends it ({@code @Timeout}), 0 for never
 * @param logs where its output lines go
 */
public record TaskLaunch(TaskSpec spec, StepResources resources, long timeoutSeconds,
    TaskLogs logs) {}
