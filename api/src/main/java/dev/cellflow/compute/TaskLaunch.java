package dev.cellflow.compute;

import dev.cellflow.decorator.StepResources;
import dev.cellflow.task.TaskSpec;

/**
 * A task to start: what to run, with what, and where its output goes.
 *
 * @param spec the task
 * @param resources what its step asks for
 * @param logs where its output lines go
 */
public record TaskLaunch(TaskSpec spec, StepResources resources, TaskLogs logs) {}
