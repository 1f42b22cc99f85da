package dev.cellflow.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cellflow.RunStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunTest {
  @TempDir
  Path root;

  @Test
  void cellsAreStepsTheClientApiReadsAndResumeReusesTheSuccessfulOnes() throws Exception {
    FlowDatastore ds = new FlowDatastore(Datastores.open("local", root.toString()), "Nb");
    NotebookRun run = NotebookRun.start(ds, "me", null);
    var one = run.nextStep();
    run.succeeded(one, 1, 1, Map.of("n", ds.putArtifact(21)),
        new CellRecord("int n = 21;", "kernel", List.of(), Map.of("n", "int")), "hello\n");
    var two = run.nextStep();
    run.failed(two, 2, 1, "boom", new CellRecord("n / 0", "kernel", List.of(), Map.of()), null);
    var three = run.nextStep();
    run.succeeded(three, 3, 1, Map.of("m", ds.putArtifact(42)),
        new CellRecord("int m = n * 2;", "kernel", List.of(), Map.of("m", "int")), null);
    run.finish(RunStatus.FAILED);

    Run read = Flow.in(ds.storage(), ds.flow()).run(run.id());
    assertEquals(RunStatus.FAILED, read.status());
    assertEquals("hello\n", read.step("cell_1").task().stdout());
    assertEquals("boom", read.step("cell_2").task().error());
    assertEquals(21, (int) read.step("cell_3").task().artifact("n").value());
    assertEquals(42, (int) read.step("cell_3").task().artifact("m").value());

    NotebookRun resumed = NotebookRun.start(ds, "me", run.id());
    List<NotebookRun.PastStep> reused = resumed.reuse(run.id());
    assertEquals(List.of("cell_1", "cell_3"), reused.stream().map(NotebookRun.PastStep::step)
        .toList());
    assertEquals(List.of("n", "m"), List.copyOf(resumed.artifacts().keySet()));
    Run r2 = Flow.in(ds.storage(), ds.flow()).run(resumed.id());
    assertEquals(run.id(), r2.resumedFrom());
    assertEquals(List.of("cell_1", "cell_2"), r2.steps().stream().map(s -> s.name()).sorted()
        .toList());
    assertNull(r2.step("cell_1").task().error());
    assertEquals(42, (int) r2.step("cell_2").task().artifact("m").value());
    assertEquals("cell_3", resumed.nextStep().step());
  }
}
