package dev.cellflow.internal.notebook;

import dev.cellflow.internal.metadata.ArtifactRef;
import java.util.List;

/**
 * What a remote cell made, stored as {@code cell-outcome.json} beside its result.
 *
 * @param outputs every top-level variable it declared or assigned, in order
 */
public record CellOutcome(List<Output> outputs) {

  /**
   * One output.
   *
   * @param name the variable
   * @param type its declared type, as the kernel can write it
   * @param ref where it is stored, or null when it was left behind (too large, not kept)
   * @param estimatedBytes its estimated size in memory
   * @param sendBack whether the kernel loads it (stored and within the limit)
   * @param problem why it could not be stored, or null
   */
  public record Output(String name, String type, ArtifactRef ref, long estimatedBytes,
      boolean sendBack, String problem) {}
}
