package dev.cellflow.internal.cells;

import java.util.ArrayList;
import java.util.List;

/**
 * Java source being written, which remembers the cell each line came from so that a compile
 * error in the generated class names the notebook's cell and line.
 */
final class GeneratedSource {
  /** Where a generated line came from: a cell and a line in it, or nowhere (cell 0). */
  record Origin(int cell, int line) {}

  private final StringBuilder text = new StringBuilder();
  private final List<Origin> origins = new ArrayList<>();

  /** Adds generated lines that come from no cell. */
  GeneratedSource add(String lines) {
    return add(lines, 0, 0);
  }

  /** Adds {@code lines}, the first of which is line {@code firstLine} of cell {@code cell}. */
  GeneratedSource add(String lines, int cell, int firstLine) {
    String[] split = lines.split("\n", -1);
    int n = lines.endsWith("\n") ? split.length - 1 : split.length;
    for (int i = 0; i < n; i++) {
      text.append(split[i]).append('\n');
      origins.add(new Origin(cell, cell == 0 ? 0 : firstLine + i));
    }
    return this;
  }

  /** Where generated line {@code line} (from 1) came from. */
  Origin origin(long line) {
    return line >= 1 && line <= origins.size() ? origins.get((int) line - 1) : new Origin(0, 0);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
