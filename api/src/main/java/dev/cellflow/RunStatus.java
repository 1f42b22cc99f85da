package dev.cellflow;

import java.util.Locale;

/**
 * A run's status, as {@code runs}, {@code show}, the Client API ({@code Run.status()}) and the
 * run's record ({@code _run.json}) give it. Its {@link #toString()} is the name in lower case,
 * the word records store and the command line prints.
 */
public enum RunStatus {
  /** Its runtime is running it. */
  RUNNING,
  /** It ended with every step done (a task {@code @Catch} passed counts as done). */
  SUCCEEDED,
  /** A task failed past its retries, or the runtime could not go on (the run says why). */
  FAILED,
  /** It was stopped: Ctrl-C, SIGTERM, an interrupted notebook cell. */
  KILLED,
  /**
   * Recorded as running, but its runtime is gone without recording an end ({@code kill -9}, a
   * crash, a lost machine). Never stored: readers tell it from the run's lease.
   */
  DEAD;

  private final String word = name().toLowerCase(Locale.ROOT);

  /** The status in lower case: {@code running}, {@code succeeded}, ... */
  @Override
  public String toString() {
    return word;
  }
}
