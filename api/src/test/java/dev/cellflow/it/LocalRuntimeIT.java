package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.RunStatus;
import dev.cellflow.TaskStatus;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.metadata.TaskMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flows run end to end on the local runtime: every task in a real process of its own. */
class LocalRuntimeIT {
  @TempDir Path root;

  @Test
  void artifactsAndParametersFlowFromStepToStep() throws Exception {
    Runs.Result r = Runs.cli(Flows.Linear.class, root, "run", "--n", "5", "--word", "yo");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("doubled=10 words=[yo, yo, middle]"), r.out());
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Linear");
    RunMeta run = ds.run(1);
    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertEquals("5", run.parameters().get("n"));
    TaskMeta start = ds.task(1, "start", 1);
    assertEquals(TaskStatus.SUCCEEDED, start.status());
    assertTrue(start.pid() > 0 && start.pid() != ProcessHandle.current().pid(),
        "a task runs in a process of its own");
  }

  @Test
  void outputIsPrefixedLiveAndKeptForLogs() throws Exception {
    Runs.Result r = Runs.cli(Flows.Linear.class, root, "run");
    assertEquals(0, r.code(), r.all());
    Matcher m = Pattern.compile("\\[1/start/1 \\(pid (\\d+)\\)\\] start saw n=21").matcher(r.out());
    assertTrue(m.find(), r.out());
    assertTrue(r.err().contains("[1/start/1 (pid " + m.group(1) + ")] a line on stderr"), r.err());

    Runs.Result logs = Runs.cli(Flows.Linear.class, root, "logs", "1/start/1");
    assertEquals(0, logs.code(), logs.all());
    assertEquals("start saw n=21\na line on stderr\n", logs.out());
    Runs.Result out = Runs.cli(Flows.Linear.class, root, "logs", "1/start", "--stdout");
    assertEquals("start saw n=21\n", out.out());
    Runs.Result err = Runs.cli(Flows.Linear.class, root, "logs", "1/start/1", "--stderr");
    assertEquals("a line on stderr\n", err.out());
  }

  @Test
  void branchesRunInParallelAndMeetInAJoin() throws Exception {
    Path dir = Files.createDirectories(root.resolve("meet"));
    Runs.Result r = Runs.cli(Flows.Branches.class, root, "run", "--dir", dir.toString());
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("sides a+b shared same distinct pids true"), r.out());
    assertTrue(r.out().contains("joined a+b"), r.out());
  }

  @Test
  void foreachSplitsSeeTheirInputAndJoinInOrder() throws Exception {
    Runs.Result r = Runs.cli(Flows.Foreach.class, root, "run", "--splits", "7");
    assertEquals(0, r.code(), r.all());
    // squares of 1..7 plus one each: 140 + 7
    assertTrue(r.out().contains("total=147 order=[0, 1, 2, 3, 4, 5, 6]"), r.out());
  }

  @Test
  void maxWorkersBoundsHowManyTasksRunAtOnce() throws Exception {
    for (int workers : new int[] {1, 2}) {
      Path dir = Files.createDirectories(root.resolve("w" + workers));
      Runs.Result r = Runs.cli(Flows.Foreach.class, root, "run", "--splits", "6", "--dir",
          dir.toString(), "--wait-ms", "150", "--max-workers", Integer.toString(workers));
      assertEquals(0, r.code(), r.all());
      int max = 0;
      for (int i = 0; i < 6; i++) {
        max = Math.max(max, Integer.parseInt(Files.readString(dir.resolve("seen-" + i))));
      }
      assertTrue(max <= workers, "at most " + workers + " at once, saw " + max);
    }
  }

  @Test
  void tooManySplitsFailsTheTaskNamingCountLimitAndFlag() throws Exception {
    Runs.Result r = Runs.cli(Flows.Foreach.class, root, "run", "--splits", "5",
        "--max-num-splits", "3");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.all().contains("makes 5 splits, more than the limit of 3"), r.all());
    assertTrue(r.all().contains("--max-num-splits 5"), r.all());
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Foreach");
    assertEquals(RunStatus.FAILED, ds.run(1).status());
    assertEquals(TaskStatus.FAILED, ds.task(1, "start", 1).status());
  }

  @Test
  void twoRunsAtOnceGetDistinctIdsAndBothSucceed() throws Exception {
    Process a = Runs.process(Flows.Linear.class, root, "run", "--n", "1");
    Process b = Runs.process(Flows.Linear.class, root, "run", "--n", "2");
    Runs.Result ra = Runs.finish(a);
    Runs.Result rb = Runs.finish(b);
    assertEquals(0, ra.code(), ra.out());
    assertEquals(0, rb.code(), rb.out());
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Linear");
    assertEquals(List.of(1, 2), ds.runIds());
    assertNotEquals(ds.run(1).parameters().get("n"), ds.run(2).parameters().get("n"));
    assertTrue(ds.run(1).status() == RunStatus.SUCCEEDED && ds.run(2).status() == RunStatus.SUCCEEDED);
  }

  @Test
  void unchangedArtifactsAreStoredOnce() throws Exception {
    Runs.Result r = Runs.cli(Flows.Linear.class, root, "run");
    assertEquals(0, r.code(), r.all());
    Runs.Result again = Runs.cli(Flows.Linear.class, root, "run");
    assertEquals(0, again.code(), again.all());
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Linear");
    String k1 = ds.result(1, "start", 1).artifacts().get("doubled").key();
    String k2 = ds.result(2, "middle", 2).artifacts().get("doubled").key();
    assertEquals(k1, k2, "the same bytes share one object");
    try (var files = Files.list(root.resolve("_tmp"))) {
      assertFalse(files.findAny().isPresent(), "nothing half-written is left behind");
    }
  }
}
