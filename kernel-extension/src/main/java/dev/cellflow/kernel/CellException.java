package dev.cellflow.kernel;

/** A cell that did not compile or threw; the message is what the notebook shows. */
public final class CellException extends RuntimeException {
  /** A failure described by {@code message}. */
  public CellException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public CellException(String message, Throwable cause) {
    super(message, cause);
  }
}
