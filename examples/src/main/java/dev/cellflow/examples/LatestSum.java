package dev.cellflow.examples;

import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;

/** Reads the sum of the latest successful BigSum run with the Client API. */
public class LatestSum {
  public static void main(String[] args) {
    Run run = Flow.named("BigSum").latestSuccessfulRun().orElseThrow();
    double sum = run.step("start").task().artifact("sum").value();
    System.out.printf("Run %d of BigSum found the sum %f.%n", run.id(), sum);
  }
}
