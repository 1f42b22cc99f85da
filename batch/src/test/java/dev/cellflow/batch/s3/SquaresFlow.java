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

  @Step public void start() throws Exception {
    try (S3 s3 = S3.forCurrentRun()) { // data beside the artifacts, under this run's prefix
      s3.put("notes/hello.txt", "hello from start".getBytes());
    }
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

  @Step public void end() throws Exception {
    try (S3 s3 = S3.forCurrentRun()) {
      System.out.println("read back: " + s3.get("notes/hello.txt").text());
    }
    System.out.println("total " + total);
  }

  public static void main(String[] args) {
    FlowSpec.main(SquaresFlow.class, args);
  }
}
