package dev.cellflow.internal.task;

import dev.cellflow.CellflowException;
import java.io.PrintStream;

/** How a task's failure is told: a cellflow error as its message, a user error with its trace. */
final class TaskFailures {
  private TaskFailures() {}

  static void print(Throwable t, PrintStream err) {
    if (t instanceof CellflowException && !(t.getCause() instanceof Error)) {
      err.println("error: " + t.getMessage());
    } else {
      t.printStackTrace(err);
    }
    err.flush();
  }

  /** One line for the task's record. */
  static String summary(Throwable t) {
    if (t instanceof OutOfMemoryError) {
      return "out of memory (" + t.getMessage() + "): raise @Resources(memory = ...) for the step";
    }
    // the causes too: "Caused by" says why, where the outermost often only says what failed
    return (t instanceof CellflowException ? t.getMessage() : t.toString())
        + dev.cellflow.internal.Causes.of(t, "; ");
  }
}
