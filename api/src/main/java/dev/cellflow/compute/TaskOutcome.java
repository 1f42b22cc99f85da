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
 */
public record TaskOutcome(String status, String summary, Integer exitCode, long pid,
    long startedAt) {
  /** Whether the task succeeded. */
  public boolean ok() {
    return status.equals("ok");
  }
}
