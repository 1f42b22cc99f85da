package dev.cellflow.internal.notebook;

import dev.cellflow.internal.metadata.ArtifactRef;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a remote cell's task needs, stored as {@code cell.json} in its task's folder of the
 * datastore. The kernel has compiled the cell (cellflow's cell compiler), so the task defines
 * classes and needs no compiler: a JRE runs it, and a fresh task process does not load javac.
 *
 * @param classes the compiled classes by binary name: the cell's ({@value
 *     CellClasses#CELL_CLASS}), the declarations it depends on and its inputs' holders
 * @param types the declared type of each top-level variable the cell declares, in order
 * @param assigned the input variables the cell assigns
 * @param inputs the variables it reads, each a stored value and the holder class it goes into
 * @param carried the run's artifacts so far, passed on by reference to the step's result
 * @param jars the jars the session added, stored as artifacts
 * @param keep outputs to store even when they are over {@code returnLimit}
 * @param returnLimit outputs estimated larger than this many bytes are neither stored nor sent
 *     back, unless kept
 */
public record CellPackage(Map<String, byte[]> classes, Map<String, String> types,
    Set<String> assigned, List<Input> inputs, Map<String, ArtifactRef> carried, List<Jar> jars,
    List<String> keep, long returnLimit) {

  /** A variable the cell reads: its name, declared type, holder class and stored value. */
  public record Input(String name, String type, String holder, ArtifactRef ref) {}

  /** A jar: its file name and its bytes, stored as an artifact. */
  public record Jar(String name, ArtifactRef ref) {}
}
