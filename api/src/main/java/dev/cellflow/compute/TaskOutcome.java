package dev.cellflow.compute;

/**
 * How a task ended.
 *
 * @param status how it ended
 * @param summary why it failed, in words ("" when ok)
 * @param exitCode the process's exit code when the process ended with the task, else null
 * @param pid the process that ran it (0 when unknown)
 * @param startedAt epoch milliseconds
 * @param externalId what ran it where the backend names it (an AWS Batch job id), else null
 */
public record TaskOutcome(Status status, String summary, Integer exitCode, long pid,
    long startedAt, String externalId) {

  /** How a task ended; {@link #toString} is its lower-case name, as messages and logs say it. */
  public enum Status {
    /** It succeeded. */
    OK,
    /** Its code threw, or the backend could not run it. */
    FAILED,
    /** It ran out of memory. */
    OOM,
    /** Its process ended before the task did. */
    DIED,
    /** It ran past its {@code @Timeout}. */
    TIMEOUT,
    /** It was ended on purpose (Ctrl-C, {@code batch kill}, the run stopping). */
    KILLED;

    private final String word = name().toLowerCase(java.util.Locale.ROOT);

    /** The status {@link #toString} calls {@code word} ({@code ok}, {@code oom}, ...). */
    public static Status of(String word) {
      for (Status s : values()) {
        if (s.word.equals(word)) {
          return s;
        }
      }
      throw new IllegalArgumentException("not a task status: '" + word + "'; one of "
          + java.util.Arrays.toString(values()));
    }

    @Override
    public String toString() {
      return word;
    }
  }

  /** An outcome of a task that ran in a local process. */
  public TaskOutcome(Status status, String summary, Integer exitCode, long pid, long startedAt) {
    this(status, summary, exitCode, pid, startedAt, null);
  }

  /** Whether the task succeeded. */
  public boolean ok() {
    return status == Status.OK;
  }

  /** Whether it was ended on purpose (Ctrl-C, {@code batch kill}): such tasks are not retried. */
  public boolean killed() {
    return status == Status.KILLED;
  }
}
