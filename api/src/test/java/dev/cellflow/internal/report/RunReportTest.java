package dev.cellflow.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.RunStatus;
import dev.cellflow.Step;
import dev.cellflow.TaskStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.compute.SplitFrame;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.graph.GraphBuilder;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.metadata.TaskMeta;
import dev.cellflow.internal.metadata.TaskResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wide run, two of its foreach tasks failed, gives a report that stays small and says so:
 * every task counted, 200 listed, the failed ones shown with their errors. 2,000 tasks by
 * default (writing the records is what takes the time); {@code -Dreport.tasks=10000} for the
 * size the report is made for.
 */
class RunReportTest {
  @TempDir Path root;

  /** start, a foreach over square, its join, end. */
  public static class Wide extends FlowSpec {
    java.util.List<Integer> items;

    @Step public void start() {
      foreach("items", this::square);
    }

    @Step public void square() {
      next(this::join);
    }

    @Step public void join(Inputs<Wide> in) {
      next(this::end);
    }

    @Step public void end() {}
  }

  @Test
  void aWideRunMakesASmallReport() throws Exception {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Wide");
    int n = Integer.getInteger("report.tasks", 2_000);
    long t0 = 1_700_000_000_000L;
    RunMeta run = ds.newRun(new RunMeta("Wide", Wide.class.getName(), 0, "ann", RunStatus.FAILED, t0,
        t0 + 60_000, Map.of("n", Integer.toString(n)), List.of(), null));
    int id = run.runId();
    ds.saveTask(id, new TaskMeta("start", 1, 0, TaskStatus.SUCCEEDED, t0, t0 + 500, 11, 0, List.of(),
        List.of(), null, null));
    ds.saveResult(id, "start", 1, new TaskResult(List.of("square"), "items", n,
        Map.of("items", ds.putArtifact(List.of(1, 2, 3)))));
    for (int i = 0; i < n; i++) {
      boolean failed = i == n / 2 + 1 || i == n - 3;
      long s = t0 + 1000 + i * 5L;
      ds.saveTask(id, new TaskMeta("square", 2 + i, failed ? 2 : 0, failed ? TaskStatus.FAILED
          : TaskStatus.SUCCEEDED, s, s + 40, 1000 + i, failed ? 1 : 0, List.of("start/1"),
          List.of(new SplitFrame("start", 1, i, n, true)), failed ? "boom at " + i : null,
          null));
    }
    Run r = Flow.in(ds.storage(), ds.flow()).run(id);
    RunReport report = new RunReport(r, GraphBuilder.build(Wide.class),
        Map.of("square", "local, cpu 1, memory 4000 MB"));
    long t = System.nanoTime();
    String html = report.html(null);
    System.out.printf("report of %d tasks: %d KB in %d ms%n", n, html.length() / 1024,
        (System.nanoTime() - t) / 1_000_000);

    assertTrue(html.getBytes(StandardCharsets.UTF_8).length < 400_000,
        n + " tasks give " + html.length() + " characters");
    assertTrue(html.contains("data-step=\"square\" data-tasks=\"" + n + "\""), "every task counted");
    assertTrue(html.contains(n + " tasks: 2 failed, " + (n - 2) + " succeeded"), "counts per status");
    assertTrue(html.contains("Tasks (first 200 of " + n + ")"), "the listing says it is capped");
    assertTrue(html.contains("boom at " + (n / 2 + 1)) && html.contains("boom at " + (n - 3)),
        "failed tasks are shown with their errors, however far down");
    assertTrue(html.contains("[1, 2, 3]"), "a small value is shown");
    assertTrue(html.contains("badge\" style=\"background:#d0453b\">failed"), "square failed");
    Matcher rows = Pattern.compile("<tr><td>\\d+</td><td>\\d*</td>").matcher(
        html.substring(html.indexOf("data-step=\"square\"")));
    int count = 0;
    while (rows.find()) {
      count++;
    }
    assertEquals(RunReport.LISTED, count, "square's table lists 200 tasks");
  }
}
