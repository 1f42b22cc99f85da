package dev.cellflow.batch.s3;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Step;
import java.util.List;

/** A small foreach, run against the S3 datastore. */
public class SquaresFlow extends FlowSpec {
  List<Integer> items;
  int square;
  int total;

  @Step public void start() {
    items = List.of(1, 2, 3, 4);
    foreach("items", this::square);
  }

  @Step public void square() {
    int x = input();
    square = x * x;
    System.out.println("square of " + x + " is " + square);
    next(this::join);
  }

  @Step public void join(Inputs<SquaresFlow> inputs) {
    total = inputs.stream().mapToInt(f -> f.square).sum();
    next(this::end);
  }

  @Step public void end() {
    System.out.println("total " + total);
  }

  public static void main(String[] args) {
    FlowSpec.main(SquaresFlow.class, args);
  }
}
