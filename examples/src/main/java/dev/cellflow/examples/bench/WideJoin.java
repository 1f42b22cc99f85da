package dev.cellflow.examples.bench;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Parameter;
import dev.cellflow.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The join benchmark's flow: {@code start} sets an artifact of {@code --mb} megabytes that every
 * split carries on, and the join reads one number from each split. A join that read every
 * artifact of every input held a copy of the large one per split.
 */
public class WideJoin extends FlowSpec {
  @Parameter(help = "how many foreach splits")
  int splits = 100;

  @Parameter(help = "megabytes of the artifact start sets")
  int mb = 50;

  double[] big;
  List<Integer> items;
  long square;
  long total;

  /** Makes the large artifact and the items. */
  @Step
  public void start() {
    big = new double[mb << 17];
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < big.length; i++) {
      big[i] = rnd.nextDouble();
    }
    items = new ArrayList<>();
    for (int i = 0; i < splits; i++) {
      items.add(i);
    }
    foreach("items", this::square);
  }

  /** One split: squares its item. */
  @Step
  public void square() {
    int x = input();
    square = (long) x * x;
    next(this::join);
  }

  /** Adds up the squares. */
  @Step
  public void join(Inputs<WideJoin> inputs) {
    total = inputs.stream().mapToLong(f -> f.square).sum();
    next(this::end);
  }

  /** Prints the total. */
  @Step
  public void end() {
    System.out.println("The total is " + total + ".");
  }

  public static void main(String[] args) {
    FlowSpec.main(WideJoin.class, args);
  }
}
