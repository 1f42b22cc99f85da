package com.example.records;

import dev.cellflow.client.Flow;
import dev.cellflow.client.Task;
import java.util.List;

/** A user's program reading RecordsFlow's latest run with the Client API. */
public final class ReadBack {
  private ReadBack() {}

  public static void main(String[] args) {
    Task middle = Flow.of(RecordsFlow.class).latestRun().orElseThrow().step("middle").task();
    List<RecordsFlow.Pt> pts = middle.artifact("pts").value();
    RecordsFlow.Fn shift = middle.artifact("shift").value();
    System.out.println("read " + pts.get(2) + " shift(2)=" + shift.apply(2));
  }
}
