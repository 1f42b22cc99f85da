package dev.cellflow.kernel.session;

import dev.cellflow.compute.TaskLogs;

/**
 * One who follows a remote cell's task as it runs (the notebook's live display): told the
 * task's lines and the backend's notes about it, which then are not printed to the cell's
 * output. Called on the backend's threads.
 */
public interface CellWatch extends TaskLogs.Follower {
  /**
   * The cell is being shipped (compiled, and the values it reads stored) as step {@code
   * FLOW/RUN/STEP/TASK}, to run on {@code on} (its backend and resources).
   */
  void shipping(String pathspec, String on);

  /** The task is being handed to its backend. */
  void launching();
}
