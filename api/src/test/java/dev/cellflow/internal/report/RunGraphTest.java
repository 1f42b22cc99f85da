package dev.cellflow.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.RunStatus;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's graph read from its records alone (no flow class: a notebook's run, a flow whose
 * classes are elsewhere) links the steps as the tasks did, the foreach with its split count,
 * and draws the same picture as the flow class gives.
 */
class RunGraphTest {
  @TempDir Path root;
  private Run run;

  /** Wide's records: start splits over 3 items, one square fails, join, end still to run. */
  @BeforeEach
  void records() throws Exception {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Wide");
    long t0 = 1_700_000_000_000L;
    int id = ds.newRun(new RunMeta("Wide", "not.Loadable", 0, "ann", RunStatus.FAILED, t0, t0 + 9000,
        Map.of(), List.of(), null)).runId();
    ds.saveTask(id, new TaskMeta("start", 1, 0, TaskStatus.SUCCEEDED, t0, t0 + 10, 1, 0, List.of(),
        List.of(), null, null));
    ds.saveResult(id, "start", 1, new TaskResult(List.of("square"), "items", 3, Map.of()));
    for (int i = 0; i < 3; i++) {
      ds.saveTask(id, new TaskMeta("square", 2 + i, 0, i == 1 ? TaskStatus.FAILED : TaskStatus.SUCCEEDED, t0,
          t0 + 20, 2, 0, List.of("start/1"), List.of(new SplitFrame("start", 1, i, 3, true)),
          i == 1 ? "boom" : null, null));
      if (i != 1) {
        ds.saveResult(id, "square", 2 + i, new TaskResult(List.of("join"), null, 0, Map.of()));
      }
    }
    run = Flow.in(ds.storage(), ds.flow()).run(id);
  }

  @Test
  void theRecordsGiveTheStepsTheirArrowsAndTheForeachItsSplitCount() {
    String svg = RunGraph.svg(run, Map.of("square", "local, cpu 1, memory 4000 MB"));
    assertTrue(svg.contains(">foreach: 3 splits</text>"), svg);
    assertTrue(svg.contains(">3 tasks: 1 failed, 2 succeeded</text>"), svg);
    assertTrue(svg.contains(">local, cpu 1, memory 4000 MB</text>"), svg);
    assertTrue(svg.contains("data-status=\"failed\""), "square is failed: " + svg);
    assertEquals(2, count(svg, "<g class=\"step\""), "start and square ran: " + svg);
    assertEquals(1, count(svg, "<polyline"), "one arrow, start to square: " + svg);
  }

  @Test
  void theFlowClassAddsTheStepsNotRunAndNamesTheForeachField() {
    String svg = RunGraph.svg(run, GraphBuilder.build(RunReportTest.Wide.class), Map.of());
    assertTrue(svg.contains(">foreach items: 3 splits</text>"), svg);
    assertEquals(4, count(svg, "<g class=\"step\""), svg);
    assertEquals(2, count(svg, "data-status=\"not run\""), "join and end did not run: " + svg);
    assertEquals(3, count(svg, "<polyline"), svg);
  }

  private static int count(String s, String what) {
    return (int) Pattern.compile(Pattern.quote(what)).matcher(s).results().count();
  }
}
