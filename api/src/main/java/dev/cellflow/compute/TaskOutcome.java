package dev.cellflow.compute;

/**
 * How a task ended.
 *
 * @param status {@code ok}, {@code failed}, {@code oom}, {@code died} (its process ended),
 *     {@code timeout} or {@code killed}
 * @param summary why it failed, in words ("" when ok)
 * @param exitCode the process's exit code when the process ended with the task, else null
 * @param pid the process that ran it (0 when unknown)
 * @param startedAt epoch milliseconds
 * @param externalId what ran it where the backend names it (an AWS Batch job id), else null
 */
public record TaskOutcome(String status, String summary, Integer exitCode, long pid,
    long startedAt, String externalId) {
  /** An outcome of a task that ran in a local process. */
  public TaskOutcome(String status, String summary, Integer exitCode, long pid, long startedAt) {
    this(status, summary, exitCode, pid, startedAt, null);
  }

  /** Whether the task succeeded. */
  public boolean ok() {
    return status.equals("ok");
  }

  /** Whether it was ended on purpose (Ctrl-C, {@code batch kill}): such tasks are not retried. */
  public boolean killed() {
    return status.equals("killed");
  }
}
