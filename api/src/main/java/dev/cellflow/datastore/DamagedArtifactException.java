package dev.cellflow.datastore;

import dev.cellflow.CellflowException;

/**
 * An artifact whose stored bytes are missing or not the ones written (bit rot, a truncated or
 * altered file). The message names the artifact, its task and its file, and what to do.
 */
public final class DamagedArtifactException extends CellflowException {
  /**
   * An error about {@code artifact} ("artifact 'x' of task F/1/start/1 (file ROOT/KEY)"), which
   * is damaged for {@code problem}.
   */
  public DamagedArtifactException(String artifact, String problem) {
    // content addressing keeps a file that is there already, so a damaged one must go first
    super(artifact + " is damaged: " + problem + "; restore the file from"
        + " a copy of the datastore, or delete it and run the flow again (the next run that"
        + " makes this value stores it anew)");
  }
}
