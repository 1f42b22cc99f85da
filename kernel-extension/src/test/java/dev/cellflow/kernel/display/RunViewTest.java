package dev.cellflow.kernel.display;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Resources;
import dev.cellflow.RunStatus;
import dev.cellflow.Step;
import dev.cellflow.TaskStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.compute.SplitFrame;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.metadata.TaskMeta;
import dev.cellflow.internal.metadata.TaskResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of a flow class the kernel can load, as a cell's value: its graph is the class's (the
 * foreach named with its split count, the join, the step not yet run, each step's resources),
 * above its tasks' table; the text form is the table alone. A flow shows its latest run's.
 */
class RunViewTest {
  @TempDir Path root;

  /** start fans out over params to square (8 GB each), join, end. */
  public static class Fan extends FlowSpec {
    List<Integer> params;

    @Step public void start() {
      foreach("params", this::square);
    }

    @Resources(memory = 8000, cpu = 2) @Step public void square() {
      next(this::join);
    }

    @Step public void join(Inputs<Fan> in) {
      next(this::end);
    }

    @Step public void end() {}
  }

  @Test
  void aRunOfALoadableFlowClassShowsTheClassGraphWithSplitCountsAndResources() throws Exception {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Fan");
    long t0 = 1_700_000_000_000L;
    int id = ds.newRun(new RunMeta("Fan", Fan.class.getName(), 0, "ann", RunStatus.RUNNING, t0, 0,
        Map.of(), List.of(), null)).runId();
    ds.saveTask(id, new TaskMeta("start", 1, 0, TaskStatus.SUCCEEDED, t0, t0 + 10, 1, 0, List.of(),
        List.of(), null, null));
    ds.saveResult(id, "start", 1, new TaskResult(List.of("square"), "params", 5, Map.of()));
    for (int i = 0; i < 5; i++) {
      ds.saveTask(id, new TaskMeta("square", 2 + i, 0, TaskStatus.SUCCEEDED, t0, t0 + 20, 2, 0,
          List.of("start/1"), List.of(new SplitFrame("start", 1, i, 5, true)), null, null));
      ds.saveResult(id, "square", 2 + i, new TaskResult(List.of("join"), null, 0, Map.of()));
    }
    ds.saveTask(id, new TaskMeta("join", 7, 0, TaskStatus.SUCCEEDED, t0, t0 + 30, 3, 0,
        List.of("square/2", "square/3", "square/4", "square/5", "square/6"), List.of(), null,
        null));
    ds.saveResult(id, "join", 7, new TaskResult(List.of("end"), null, 0, Map.of()));
    Run run = Flow.in(ds.storage(), ds.flow()).run(id);

    DisplayData d = RunView.of(run);
    String html = String.valueOf(d.getData(MIMEType.TEXT_HTML));
    assertTrue(html.contains(">foreach params: 5 splits</text>"), html);
    assertTrue(html.contains(">5 tasks: 5 succeeded</text>"), html);
    assertTrue(html.contains(">local, cpu 2, memory 8000 MB</text>"), "square's resources: " + html);
    assertTrue(html.contains(">end</text>") && html.contains("data-status=\"not run\""),
        "end, not run yet, is drawn: " + html);
    assertTrue(html.contains("<table>") && html.contains("Fan/1/square/6"), html);
    String text = String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
    assertTrue(text.contains("Fan/1/square/6") && !text.contains("<svg"), text);

    String flow = String.valueOf(RunView.of(Flow.in(ds.storage(), ds.flow())).getData(MIMEType.TEXT_HTML));
    assertTrue(flow.contains("runs of Fan") && flow.contains(">foreach params: 5 splits</text>"),
        "a flow shows its runs and its latest run's graph: " + flow);
  }
}
