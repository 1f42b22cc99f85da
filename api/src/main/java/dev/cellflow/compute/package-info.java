/**
 * The compute-backend extension point: a backend runs a task (TaskLaunch) and reports how it ended (TaskOutcome); TaskLogs keeps its output.
 */
package dev.cellflow.compute;
