package dev.cellflow.examples;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Parameter;
import dev.cellflow.Step;
import java.util.ArrayList;
import java.util.List;

/** A foreach of {@code --splits} trivial tasks and a join that adds up what they made. */
public class FanOut extends FlowSpec {
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

  /** One split: squares its item. */
  @Step
  public void square() {
    int x = input();
    square = (long) x * x;
    next(this::join);
  }

  /** Adds up the squares. */
  @Step
  public void join(Inputs<FanOut> inputs) {
    total = inputs.stream().mapToLong(f -> f.square).sum();
    next(this::end);
  }

  /** Prints the total. */
  @Step
  public void end() {
    System.out.println("The total is " + total + ".");
  }

  public static void main(String[] args) {
    FlowSpec.main(FanOut.class, args);
  }
}
