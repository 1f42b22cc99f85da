package dev.cellflow.parallel;

/**
 * The first failure of a {@code parallelMap}, with the index of the item that failed and the
 * failure as its cause. A plain {@link RuntimeException}: this package depends on nothing else
 * of cellflow, so that {@code dev.cellflow} may offer {@code parallelMap} itself; a task that
 * fails with it prints its trace, the user code's failure underneath.
 */
public final class ParallelMapException extends RuntimeException {
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
