package dev.cellflow.internal.task;

import dev.cellflow.compute.TaskSpec;
import java.util.List;

/**
 * The task entry point, {@code step FLOWCLASS STEP RUN TASK [options]}: runs one task in this
 * process and exits 0 when it succeeded. Every backend starts tasks through it (a local worker
 * reads the same arguments from its input). Its arguments are written by {@link
 * TaskSpec#toArgs} and read by {@link TaskSpec#fromArgs}, without a CLI library, because every
 * task process pays for what it loads.
 */
public final class StepCommand {
  private StepCommand() {}

  /** Runs the task that {@code args} (after {@code step}) describe; returns the exit code. */
  public static int run(List<String> args) {
    try {
      // one task per process: the flow's classes are as new as the process
      TaskRunner.forOneTask(Thread.currentThread().getContextClassLoader())
          .run(TaskSpec.fromArgs(args));
      return 0;
    } catch (Throwable t) {
      TaskFailures.print(t, System.err);
      return 1;
    }
  }
}
