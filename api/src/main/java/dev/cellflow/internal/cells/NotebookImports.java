package dev.cellflow.internal.cells;

import java.util.List;

/**
 * The imports every notebook cell sees: cellflow's kernel starts each session with them, and an
 * exported flow class has them, so a cell compiles the same in both.
 */
public final class NotebookImports {
  /** What follows {@code import} in each, static imports with their {@code static}. */
  public static final List<String> DEFAULT = List.of("java.util.*", "java.util.function.*",
      "java.util.stream.*", "java.io.*", "java.math.*", "java.nio.file.*",
      "java.util.concurrent.*", "dev.cellflow.data.Matrices", "dev.cellflow.client.Flow",
      "dev.cellflow.client.Run", "static dev.cellflow.parallel.Parallel.parallelMap",
      "static dev.cellflow.parallel.Parallel.range");

  private NotebookImports() {}
}
