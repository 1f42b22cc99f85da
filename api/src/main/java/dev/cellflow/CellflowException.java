package dev.cellflow;

/**
 * An error a user can act on: its message says what is wrong, where (step, field, flag), and
 * what to do. The CLI prints the message alone, without a stack trace.
 */
public class CellflowException extends RuntimeException {
  /** An error with a message meant for the user. */
  public CellflowException(String message) {
    super(message);
  }

  /** An error with a message meant for the user, and the cause behind it. */
  public CellflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
