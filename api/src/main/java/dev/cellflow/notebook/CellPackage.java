package dev.cellflow.notebook;

import dev.cellflow.metadata.ArtifactRef;
import java.util.List;
import java.util.Map;

/**
 * What a remote cell needs, stored as {@code cell.json} in its task's folder of the datastore.
 *
 * @param imports the session's import declarations, as written
 * @param units compilation units that rebuild, under the session's own class names, the
 *     declarations the cell depends on and the holders of the variables it reads
 * @param inputs the variables it reads, each a stored value and the holder class it goes into
 * @param body the cell's statements
 * @param carried the run's artifacts so far, passed on by reference to the step's result
 * @param jars the jars the session added, stored as artifacts
 * @param keep outputs to store even when they are over {@code returnLimit}
 * @param returnLimit outputs estimated larger than this many bytes are neither stored nor sent
 *     back, unless kept
 */
public record CellPackage(List<String> imports, List<Unit> units, List<Input> inputs,
    String body, Map<String, ArtifactRef> carried, List<Jar> jars, List<String> keep,
    long returnLimit) {

  /** A compilation unit: its class's binary name and its source. */
  public record Unit(String className, String source) {}

  /** A variable the cell reads: its name, declared type, holder class and stored value. */
  public record Input(String name, String type, String holder, ArtifactRef ref) {}

  /** A jar: its file name and its bytes, stored as an artifact. */
  public record Jar(String name, ArtifactRef ref) {}
}
