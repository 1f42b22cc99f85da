package dev.cellflow.datastore;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.metadata.ArtifactRef;

/**
 * An artifact whose stored bytes are missing or not the ones written (bit rot, a truncated or
 * altered file). The message names the artifact, its task and its file, and what to do.
 */
public final class DamagedArtifactException extends CellflowException {
  DamagedArtifactException(FlowDatastore ds, ArtifactRef ref, String name, String task,
      String problem) {
    // content addressing keeps a file that is there already, so a damaged one must go first
    super(describe(ds, ref, name, task) + " is damaged: " + problem + "; restore the file from"
        + " a copy of the datastore, or delete it and run the flow again (the next run that"
        + " makes this value stores it anew)");
  }

  /** "artifact 'x' of task F/1/start/1 (file ROOT/KEY)", leaving out what is not known. */
  static String describe(FlowDatastore ds, ArtifactRef ref, String name, String task) {
    return (name == null ? "an artifact" : "artifact '" + name + "'")
        + (task == null ? "" : " of task " + task)
        + " (file " + ds.file(ref.key()) + ")";
  }
}
