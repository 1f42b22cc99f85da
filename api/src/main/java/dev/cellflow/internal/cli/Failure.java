package dev.cellflow.internal.cli;

import dev.cellflow.CellflowException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the command line reports a failure: one line. A {@link CellflowException} is its message;
 * anything else (a full disk, an S3 fault, a bug) is what it and its root cause say, with its
 * stack trace saved to a file the line names: a user reads one line, a bug report gets the
 * trace.
 */
public final class Failure {
  /** The most of a message printed: SDK messages can list every provider they tried. */
  static final int MAX_SAID = 240;

  private Failure() {}

  /** Prints {@code e} on one line to {@code err}; returns the exit code, 1. */
  public static int report(Throwable e, PrintWriter err) {
    if (e instanceof CellflowException) {
      err.println("error: " + e.getMessage());
    } else {
      err.println("error: " + summary(e) + " (" + saveTrace(e) + ")");
    }
    err.flush();
    return 1;
  }

  /** What {@code e} says, and what its root cause says where that adds something. */
  static String summary(Throwable e) {
    String top = said(e);
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String bottom = said(root);
    return root == e || top.contains(bottom) ? top : top + "; cause: " + bottom;
  }

  /** {@code t}'s class and message, on one line and at most {@link #MAX_SAID} characters. */
  private static String said(Throwable t) {
    String m = t.getMessage();
    String name = t.getClass().getSimpleName();
    String s = m == null || m.isBlank() ? name : name + ": " + m.replaceAll("\\s*\\R\\s*", " ");
    return s.length() <= MAX_SAID ? s : s.substring(0, MAX_SAID) + "...";
  }

  /** Where {@code e}'s trace went, as the line says it. */
  private static String saveTrace(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    try {
      Path file = Files.createTempFile("cellflow-error-", ".txt");
      Files.writeString(file, trace.toString());
      return "details in " + file;
    } catch (IOException | RuntimeException saving) {
      return "the details could not be saved: " + saving.getMessage();
    }
  }
}
