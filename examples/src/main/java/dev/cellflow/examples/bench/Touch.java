package dev.cellflow.examples.bench;

import dev.cellflow.FlowSpec;
import dev.cellflow.Parameter;
import dev.cellflow.Resources;
import dev.cellflow.Step;

/**
 * The benchmark's floor for making BigSum's matrix: the same rows, allocated on all cores in a
 * task process like BigSum's, but left as the JVM zeroes them instead of filled with random
 * numbers. What is left is what the machine takes to hand out fresh memory, which no language
 * avoids.
 */
public class Touch extends FlowSpec {
  @Parameter(help = "rows and columns")
  int size = 20000;

  long took;

  /** Allocates the rows. */
  @Resources(memory = 4000, cpu = 2)
  @Step
  public void start() {
    long t = System.nanoTime();
    double[][] m = new double[size][];
    parallelMap(from -> {
      for (int r = from; r < Math.min(size, from + 1000); r++) {
        m[r] = new double[size];
      }
      return null;
    }, range(0, size, 1000));
    took = (System.nanoTime() - t) / 1_000_000;
    next(this::end);
  }

  /** Prints the time. */
  @Step
  public void end() {
    System.out.printf("Allocating the rows took %dms.%n", took);
  }

  public static void main(String[] args) {
    FlowSpec.main(Touch.class, args);
  }
}
