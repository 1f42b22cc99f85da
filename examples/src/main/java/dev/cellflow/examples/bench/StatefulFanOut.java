package dev.cellflow.examples.bench;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Parameter;
import dev.cellflow.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * FanOut with a static counter: a flow whose classes can hold state, so each task of a warm
 * process gets the flow's classes as a new process would (the cost {@code bin/bench foreach}
 * measures beside FanOut's).
 */
public class StatefulFanOut extends FlowSpec {
  /** Counts the splits this loader saw; each task must see 1. */
  static int seen;

  @Parameter(help = "how many foreach splits")
  int splits = 100;

  List<Integer> items;
  long square;
  long total;

  /** Makes the items. */
  @Step
  public void start() {
    items = new ArrayList<>();
    for (int i = 0; i < splits; i++) {
      items.add(i);
    }
    foreach("items", this::square);
  }

  /** One split: squares its item, and fails if an earlier task's static reached it. */
  @Step
  public void square() {
    if (++seen != 1) {
      throw new IllegalStateException("split " + input() + " saw " + (seen - 1)
          + " earlier split(s) in its static field");
    }
    int x = input();
    square = (long) x * x;
    next(this::join);
  }

  /** Adds up the squares. */
  @Step
  public void join(Inputs<StatefulFanOut> inputs) {
    total = inputs.stream().mapToLong(f -> f.square).sum();
    next(this::end);
  }

  /** Prints the total. */
  @Step
  public void end() {
    System.out.println("The total is " + total + ".");
  }

  public static void main(String[] args) {
    FlowSpec.main(StatefulFanOut.class, args);
  }
}
