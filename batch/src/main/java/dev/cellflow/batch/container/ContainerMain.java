package dev.cellflow.batch.container;

import dev.cellflow.task.StepCommand;
import java.util.Arrays;

/**
 * What a Batch job's container runs once its code is fetched: {@code step FLOWCLASS STEP RUN
 * TASK ...}, the task entry point every backend uses; the process exits with the task's code.
 * A flow needs no {@code main} of its own for this (a notebook's flow has none).
 */
public final class ContainerMain {
  private ContainerMain() {}

  /** Runs the task that {@code args} describe and exits with its code. */
  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals("step")) {
      System.err.println("usage: ContainerMain step FLOWCLASS STEP RUN TASK [options]");
      System.exit(2);
    }
    System.exit(StepCommand.run(Arrays.asList(args).subList(1, args.length)));
  }
}
