package dev.cellflow.internal.metadata;

import dev.cellflow.TaskStatus;
import dev.cellflow.compute.SplitFrame;
import java.util.List;

/**
 * A task's record, written by the runtime when the task ends.
 *
 * @param step the step
 * @param task the task id, unique within the run
 * @param attempt the attempt, from 0
 * @param status how it ended ({@link TaskStatus}; running while its job runs)
 * @param startedAt epoch milliseconds
 * @param finishedAt epoch milliseconds
 * @param pid the process that ran it
 * @param exitCode the process's exit code when it ended with the task, else null
 * @param parents the pathspecs ({@code step/task}) of the tasks whose artifacts it started from
 * @param splitStack the open splits, outermost first
 * @param error why it failed, in words, or null
 * @param origin for a task a resumed run reused: the origin task's pathspec, else null
 * @param externalId what ran it where its backend names it (an AWS Batch job id), else null
 */
public record TaskMeta(String step, int task, int attempt, TaskStatus status, long startedAt,
    long finishedAt, long pid, Integer exitCode, List<String> parents,
    List<SplitFrame> splitStack, String error, String origin, String externalId) {
  /** A record of a task with no external id (a local one). */
  public TaskMeta(String step, int task, int attempt, TaskStatus status, long startedAt,
      long finishedAt, long pid, Integer exitCode, List<String> parents,
      List<SplitFrame> splitStack, String error, String origin) {
    this(step, task, attempt, status, startedAt, finishedAt, pid, exitCode, parents, splitStack,
        error, origin, null);
  }
}
