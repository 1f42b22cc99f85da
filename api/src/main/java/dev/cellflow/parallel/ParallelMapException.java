package dev.cellflow.parallel;

import dev.cellflow.CellflowException;

/** The first failure of a {@code parallelMap}, with the index of the item that failed. */
public final class ParallelMapException extends CellflowException {
  private final int index;

  ParallelMapException(int index, Object item, Throwable cause) {
    super("parallelMap: item " + index + " (" + describe(item) + ") failed: " + cause, cause);
    this.index = index;
  }

  /** The index of the item whose function call failed first. */
  public int index() {
    return index;
  }

  private static String describe(Object item) {
    String s = String.valueOf(item);
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
