package dev.cellflow.kernel.magic;

import dev.cellflow.notebook.JShellSession;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel the magics run in: cellflow's own, JJava or IJava. The magics need its JShell
 * session, a way to evaluate code in it, and the jars the session added.
 */
public interface Host {
  /** The session. */
  JShellSession session();

  /** Evaluates {@code code} in the session as a cell would; returns the last value or null. */
  Object runCode(String code) throws Exception;

  /** The jars the session added ({@code %jars}, {@code %classpath}, {@code %maven}). */
  List<Path> jars();

  /**
   * The cells that ran to their end before the current one, as cellflow's notebook syntax, for
   * {@code %flow export}; null where the notebook records them itself (cellflow's kernel hands
   * each cell to it).
   */
  default List<String> ranCells() {
    return null;
  }
}
