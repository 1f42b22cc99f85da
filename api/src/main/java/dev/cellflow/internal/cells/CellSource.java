package dev.cellflow.internal.cells;

import java.util.List;
import java.util.Set;

/**
 * A remote cell as source, what {@link CellCompiler} compiles in the kernel before the cell is
 * shipped as classes ({@link CellPackage}).
 *
 * @param imports the session's import declarations, as written
 * @param units compilation units that rebuild, under the session's own class names, the
 *     declarations the cell depends on and the holders of the variables it reads
 * @param inputs the names of the variables it reads (their holders are among the units)
 * @param body the cell's statements
 */
public record CellSource(List<String> imports, List<Unit> units, Set<String> inputs,
    String body) {

  /** A compilation unit: its class's binary name and its source. */
  public record Unit(String className, String source) {}
}
