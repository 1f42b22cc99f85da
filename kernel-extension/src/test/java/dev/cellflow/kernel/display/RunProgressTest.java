package dev.cellflow.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.RunStatus;
import dev.cellflow.compute.SplitFrame;
import dev.cellflow.compute.TaskRef;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.runtime.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code %flow run}'s display: one display updated in place where the kernel can update one,
 * and, where it cannot (a kernel whose display stream has no {@code updateDisplay}), the last
 * state alone as plain lines, never a stream of fragments.
 */
class RunProgressTest {
  private static final List<String> STEPS = List.of("start", "square", "end");

  /** A kernel whose display stream can show a display but not update it. */
  public static final class OldKernel {
    /** Its IO, as the Jupyter JVM kernels name it. */
    public static final class Io {
      /** Its display stream. */
      public final Object display = new Object() {
        @SuppressWarnings("unused")
        public void display(Object data) {}
      };
    }

    /** As {@code BaseKernel.getIO()}. */
    public Io getIO() {
      return new Io();
    }
  }

  private static TaskSpec task(String step, int id, List<TaskRef> parents,
      List<SplitFrame> stack) {
    return TaskSpec.builder("dev.example.Squares", step, 1, id).datastore("local", "/tmp/store")
        .parents(parents)
        .splitStack(stack).build();
  }

  /** A run of three steps: start, a foreach of two splits, end. */
  private static void run(RunProgress p) {
    p.on(new RunEvent.RunStarted("Squares", 1, null, "/tmp/store"));
    TaskSpec start = task("start", 1, List.of(), List.of());
    p.on(new RunEvent.TaskQueued(start));
    p.on(new RunEvent.TaskStarted(start));
    p.on(new RunEvent.TaskEnded(start, RunEvent.Ended.SUCCEEDED, null));
    p.on(new RunEvent.ForeachFanned(start, "square", 2));
    p.on(new RunEvent.StepFinished("start"));
    for (int i = 0; i < 2; i++) {
      TaskSpec sq = task("square", 2 + i, List.of(new TaskRef("start", 1)),
          List.of(new SplitFrame("start", 1, i, 2, true)));
      p.on(new RunEvent.TaskQueued(sq));
      p.on(new RunEvent.TaskStarted(sq));
      p.on(new RunEvent.TaskEnded(sq, RunEvent.Ended.SUCCEEDED, null));
    }
    p.on(new RunEvent.StepFinished("square"));
    TaskSpec end = task("end", 4, List.of(new TaskRef("square", 2), new TaskRef("square", 3)),
        List.of());
    p.on(new RunEvent.TaskQueued(end));
    p.on(new RunEvent.TaskStarted(end));
    p.on(new RunEvent.TaskEnded(end, RunEvent.Ended.SUCCEEDED, null));
    p.on(new RunEvent.StepFinished("end"));
    p.on(new RunEvent.RunEnded(new RunMeta("Squares", "dev.example.Squares", 1, "ann",
        RunStatus.SUCCEEDED, 1, 2, Map.of(), List.of(), null), null));
  }

  @Test
  void aKernelThatCannotUpdateADisplayGetsTheLastStateAsPlainLinesOnly() {
    assertNull(LiveDisplays.of(new OldKernel()), "no updateDisplay: no live display");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunProgress p = new RunProgress(null, STEPS,
        new PrintStream(out, true, StandardCharsets.UTF_8));
    run(p);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing while the run runs");
    p.finish();
    String shown = out.toString(StandardCharsets.UTF_8);
    assertTrue(shown.startsWith("Squares/1 succeeded · "), shown);
    assertTrue(shown.contains("\n  start: 1/1 done, 0 running, 0 failed, ")
        && shown.contains("\n  square: 2/2 done, 0 running, 0 failed, ")
        && shown.contains("\n  end: 1/1 done, 0 running, 0 failed, "), shown);
    assertTrue(shown.endsWith("run Squares/1 succeeded; read it with %flow show Squares/1, or"
        + " Flow.named(\"Squares\").run(1) (dev.cellflow.client)\n"), shown);
    assertEquals(RunStatus.SUCCEEDED, p.status());
    p.finish();
    assertEquals(shown, out.toString(StandardCharsets.UTF_8), "printed once");
  }

  @Test
  void aKernelThatCanUpdateGetsOneDisplayWhoseLastUpdateNamesTheRun() throws Exception {
    SentDisplays sent = new SentDisplays("\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunProgress p = new RunProgress(sent, STEPS,
        new PrintStream(out, true, StandardCharsets.UTF_8));
    run(p);
    p.finish();
    List<String> all = sent.all();
    assertTrue(all.get(0).startsWith("show cellflow-run-"), all.toString());
    String id = all.get(0).substring(5, all.get(0).indexOf('\n'));
    assertEquals(1, all.stream().filter(s -> s.startsWith("show ")).count(), all.toString());
    assertTrue(all.stream().allMatch(s -> s.substring(s.indexOf(' ') + 1).startsWith(id + "\n")),
        "one display id: " + all);
    assertTrue(all.get(all.size() - 1).contains("run Squares/1 succeeded; read it with %flow"
        + " show Squares/1"), all.toString());
    assertEquals("", out.toString(StandardCharsets.UTF_8), "no plain lines beside the display");
    int after = all.size();
    Thread.sleep(2 * RunProgress.GAP_MS);
    assertEquals(after, sent.all().size(), "no updates after the last");
  }
}
