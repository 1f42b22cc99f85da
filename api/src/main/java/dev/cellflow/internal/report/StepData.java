package dev.cellflow.internal.report;

import dev.cellflow.CellflowException;
import dev.cellflow.client.Step;
import dev.cellflow.client.Task;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the report shows of one step: a row per task and the counts per status.
 *
 * @param name the step
 * @param tasks its tasks, by id; the {@link Task}s stay with them for artifacts and logs
 * @param counts how many tasks ended in each status ({@code running} for those with no record)
 */
record StepData(String name, List<Row> tasks, Map<String, Integer> counts) {

  /**
   * One task's record.
   *
   * @param task the Client API's task, for its artifacts and output when it is listed
   * @param index its foreach index, or -1
   * @param status its status, {@code running} while it has no record
   * @param start epoch milliseconds, 0 while running
   * @param end epoch milliseconds, 0 while running
   */
  record Row(Task task, int index, String status, int attempt, long start, long end, long pid,
      String externalId, String error) {
    boolean done() {
      return !status.equals("running");
    }
  }

  /**
   * Reads every task record of {@code step} (one small file, or one S3 request, each: in
   * parallel, since a wide step has thousands).
   */
  static StepData read(Step step) {
    List<Row> rows = step.tasks().parallelStream().map(StepData::row).toList();
    Map<String, Integer> counts = new TreeMap<>();
    rows.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    return new StepData(step.name(), rows, counts);
  }

  private static Row row(Task t) {
    try {
      // the report keys its counts and colours by the status's word
      return new Row(t, t.foreachIndex(), t.status().toString(), t.attempt(), t.startedAt().toEpochMilli(),
          t.finishedAt().toEpochMilli(), t.pid(), t.externalId(), t.error());
    } catch (CellflowException noRecordYet) {
      return new Row(t, -1, "running", 0, 0, 0, 0, null, null);
    }
  }

  /** The step's status: failed if a task failed, running if one runs, else succeeded. */
  String status() {
    for (String s : List.of("failed", "killed", "running", "caught")) {
      if (counts.containsKey(s)) {
        return s;
      }
    }
    return tasks.isEmpty() ? "not run" : "succeeded";
  }

  /** {@code 998 succeeded, 2 failed}. */
  String summary() {
    StringBuilder b = new StringBuilder();
    counts.forEach((s, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(' ')
        .append(s));
    return b.toString();
  }

  /** The earliest start of its ended tasks, or 0. */
  long start() {
    return tasks.stream().filter(Row::done).mapToLong(Row::start).min().orElse(0);
  }

  /** The latest end of its ended tasks, or 0. */
  long end() {
    return tasks.stream().filter(Row::done).mapToLong(Row::end).max().orElse(0);
  }
}
