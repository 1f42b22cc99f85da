package dev.cellflow.kernel.magic;

import dev.cellflow.kernel.session.JShellSession;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

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
   * Where a cell's live displays go ({@code %batch} progress), or null where the kernel cannot
   * update a display in place: the magics then print plain lines.
   */
  default dev.cellflow.kernel.display.LiveDisplays.Target displays() {
    return null;
  }

  /**
   * Shows {@code d} under the running cell, before its value (JJava's {@code display}; a
   * kernel with no rich display prints its text).
   */
  void display(DisplayData d);

  /**
   * The cells that ran to their end before the current one (and the failed ones that took a
   * step's name, marked failed), as cellflow's notebook syntax, for {@code %flow export}; null
   * where the notebook records them itself (cellflow's kernel hands each cell to it).
   */
  default List<dev.cellflow.internal.cells.Cell> ranCells() {
    return null;
  }
}
