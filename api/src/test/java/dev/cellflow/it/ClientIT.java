package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import dev.cellflow.RunStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.client.Task;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Client API and {@code runs} over runs made by the local runtime. */
class ClientIT {
  @TempDir Path root;

  @Test
  void runsStepsTasksAndArtifactsOfPastRuns() {
    assertEquals(0, Runs.cli(Flows.Foreach.class, root, "run", "--splits", "3", "--tag",
        "first").code());
    assertEquals(1, Runs.cli(Flows.Foreach.class, root, "run", "--splits", "3",
        "--max-num-splits", "2").code());
    Flow flow = Flow.in(new LocalStorage(root), "Foreach");

    assertEquals(List.of(2, 1), flow.runs().stream().map(Run::id).toList());
    assertEquals(2, flow.latestRun().orElseThrow().id());
    Run ok = flow.latestSuccessfulRun().orElseThrow();
    assertEquals(1, ok.id());
    assertEquals(List.of("first"), ok.tags());
    assertEquals(List.of(ok.id()), flow.runsTagged("first").stream().map(Run::id).toList());
    assertEquals("3", ok.parameters().get("splits"));
    assertEquals(List.of("start", "square", "plusOne", "join", "end"),
        ok.steps().stream().map(s -> s.name()).toList());

    List<Task> splits = ok.step("square").tasks();
    assertEquals(List.of(0, 1, 2), splits.stream().map(Task::foreachIndex).toList());
    assertEquals(9, (int) splits.get(2).artifact("square").value());
    assertEquals("java.lang.Integer", splits.get(2).artifact("square").type());
    long total = ok.step("join").task().artifact("total").value();
    assertEquals(1 + 4 + 9 + 3, total);
    assertTrue(ok.step("end").task().stdout().contains("total=17"));
    assertTrue(ok.step("start").task().pid() > 0);

    Run failed = flow.run(2);
    assertEquals(RunStatus.FAILED, failed.status());
    assertTrue(failed.step("start").task().error().contains("more than the limit of 2"));

    CellflowException e = assertThrows(CellflowException.class,
        () -> ok.step("start").task().artifact("nope"));
    assertTrue(e.getMessage().contains("has no artifact 'nope'"), e.getMessage());
    assertThrows(CellflowException.class, () -> ok.step("square").task());
  }

  @Test
  void runsListsNewestFirstWithStatus() {
    assertEquals(0, Runs.cli(Flows.Linear.class, root, "run", "--tag", "nightly").code());
    assertEquals(0, Runs.cli(Flows.Linear.class, root, "run").code());
    Runs.Result r = Runs.cli(Flows.Linear.class, null, "runs", "--datastore-root",
        root.toString());
    assertEquals(0, r.code(), r.all());
    String[] lines = r.out().split("\n");
    assertTrue(lines[1].startsWith("2      succeeded"), r.out());
    assertTrue(lines[2].startsWith("1      succeeded") && lines[2].endsWith("nightly"), r.out());
    Runs.Result tagged = Runs.cli(Flows.Linear.class, null, "runs", "--tag", "nightly",
        "--datastore-root", root.toString());
    assertEquals(2, tagged.out().split("\n").length, tagged.out());
  }
}
