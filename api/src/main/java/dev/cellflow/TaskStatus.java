package dev.cellflow;

import java.util.Locale;

/**
 * A task's status, as {@code show}, {@code logs}, the Client API ({@code Task.status()}) and
 * the task's record ({@code task.json}) give it. Its {@link #toString()} is the name in lower
 * case, the word records store and the command line prints.
 */
public enum TaskStatus {
  /**
   * Started in a job its backend named (an AWS Batch job), not ended yet; recorded so that
   * {@code logs} and the Client API find the job while it runs.
   */
  RUNNING,
  /** Its step's code returned and its result fits the graph. */
  SUCCEEDED,
  /** Its last attempt failed, and no decorator recovered it. */
  FAILED,
  /** It failed, and {@code @Catch} let the flow go on with the inputs and the catch's value. */
  CAUGHT,
  /** It was ended before it finished: the run was stopped, or another task failed the run. */
  KILLED;

  private final String word = name().toLowerCase(Locale.ROOT);

  /** The status in lower case: {@code succeeded}, {@code failed}, ... */
  @Override
  public String toString() {
    return word;
  }
}
