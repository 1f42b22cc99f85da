package dev.cellflow.internal.cells;

/** A magic used wrongly; the message says which magic, which argument, and what to do. */
public final class MagicException extends dev.cellflow.CellflowException {
  /** An error with {@code message}, shown to the user as it is. */
  public MagicException(String message) {
    super(message);
  }
}
