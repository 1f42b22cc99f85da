package dev.cellflow.examples;

import dev.cellflow.FlowSpec;
import dev.cellflow.Parameter;
import dev.cellflow.Resources;
import dev.cellflow.Step;
import dev.cellflow.data.Matrices;

/**
 * The seed's example: sum a large random matrix, once on one thread and once with {@code
 * parallelMap} over row chunks. The matrix is a local variable of {@code start}: it stays in the
 * task that made it, and only the sums and timings become artifacts.
 *
 * <p>{@code --size 80000} is the seed's 48 GB case; give it the memory with {@code --with
 * resources:memory=60000} (locally it fails before it starts, unless the machine has 60 GB; on
 * AWS Batch, {@code --with batch}).
 */
public class BigSum extends FlowSpec {
  @Parameter(help = "rows and columns of the matrix")
  int size = 10000;

  @Parameter(help = "rows per parallelMap chunk")
  int chunk = 1000;

  long made;
  double sum;
  long took;
  double parallelSum;
  long parallelTook;

  /** Makes the matrix and sums it both ways. */
  @Resources(memory = 4000, cpu = 2)
  @Step
  public void start() {
    long t = System.nanoTime();
    double[][] m = Matrices.random(size, size);
    made = (System.nanoTime() - t) / 1_000_000;
    t = System.nanoTime();
    sum = Matrices.sum(m);
    took = (System.nanoTime() - t) / 1_000_000;

    t = System.nanoTime();
    parallelSum = parallelMap(i -> Matrices.rowSum(m, i, i + chunk), range(0, size, chunk))
        .stream().mapToDouble(d -> d).sum();
    parallelTook = (System.nanoTime() - t) / 1_000_000;
    next(this::end);
  }

  /** Prints the results, as the seed does. */
  @Step
  public void end() {
    System.out.printf("The sum is %f.%n", sum);
    System.out.printf("Computing it took %dms.%n", took);
    System.out.printf("The sum with parallelMap is %f.%n", parallelSum);
    System.out.printf("Computing it with parallelMap took %dms.%n", parallelTook);
    System.out.printf("Making the matrix took %dms.%n", made);
  }

  public static void main(String[] args) {
    FlowSpec.main(BigSum.class, args);
  }
}
