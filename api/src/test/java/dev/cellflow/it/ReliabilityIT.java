package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.RunStatus;
import dev.cellflow.TaskStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.client.Task;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, timeouts, @Catch and resume: runs a user can trust. */
class ReliabilityIT {
  @TempDir Path root;

  private Flow flow(String name) {
    return Flow.in(new LocalStorage(root), name);
  }

  @Test
  void aFlakyStepIsRetriedWithALogPerAttempt() throws Exception {
    Path dir = Files.createDirectories(root.resolve("flaky"));
    Runs.Result r = Runs.cli(Flows.Flaky.class, root, "run", "--dir", dir.toString());
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("succeeded after 3 attempts"), r.out());
    assertTrue(r.err().contains("Task 1/start/1 attempt 0 failed"), r.err());
    assertTrue(r.err().contains("retrying in 0 s (attempt 2 of 3)"), r.err());
    Task start = flow("Flaky").latestRun().orElseThrow().step("start").task();
    assertEquals(2, start.attempt());
    assertEquals("attempt number 3\n", start.stdout());
    Runs.Result first = Runs.cli(Flows.Flaky.class, root, "logs", "1/start/1", "--attempt", "0");
    assertTrue(first.out().contains("attempt number 1")
        && first.out().contains("flaky failure 1"), first.out());
  }

  @Test
  void aCaughtFailureIsStoredAndTheFlowGoesOn() {
    Runs.Result r = Runs.cli(Flows.Caught.class, root, "run");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("before=7 caught risky after 2 attempts:"), r.out());
    assertTrue(r.out().contains("IllegalArgumentException: no good"), r.out());
    Task risky = flow("Caught").latestRun().orElseThrow().step("risky").task();
    assertEquals(TaskStatus.CAUGHT, risky.status());
  }

  @Test
  void aTimeoutKillsTheTaskAndIsRetriedLikeAnyFailure() {
    long t0 = System.nanoTime();
    Runs.Result r = Runs.cli(Flows.Slow.class, root, "run");
    long secs = (System.nanoTime() - t0) / 1_000_000_000L;
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("timed out after 1 s (@Timeout on step 'start')"), r.err());
    assertTrue(r.err().contains("attempt 2 of 2"), r.err());
    assertTrue(secs < 50, "both attempts were cut short, not slept through");
    assertEquals(RunStatus.FAILED, flow("Slow").latestRun().orElseThrow().status());
  }

  @Test
  void resumeAfterAFailureReusesWhatSucceeded() throws Exception {
    Path dir = Files.createDirectories(root.resolve("fo"));
    Runs.Result r1 = Runs.cli(Flows.FailOnce.class, root, "run", "--dir", dir.toString(),
        "--n", "5");
    assertEquals(1, r1.code(), r1.all());
    Files.createFile(dir.resolve("fix"));
    Runs.Result r2 = Runs.cli(Flows.FailOnce.class, root, "resume");
    assertEquals(0, r2.code(), r2.all());
    assertTrue(r2.out().contains("resuming run 1"), r2.out());
    assertTrue(r2.out().contains("tripled plus one is 16"), r2.out());

    Run origin = flow("FailOnce").run(1);
    Run resumed = flow("FailOnce").run(2);
    assertEquals("5", resumed.parameters().get("n"), "the origin's parameters");
    assertEquals(1, resumed.resumedFrom());
    Task start = resumed.step("start").task();
    assertEquals((long) origin.step("start").task().artifact("startPid").value(),
        (long) start.artifact("startPid").value(), "start was reused, not run again");
    assertEquals(origin.step("start").task().artifact("tripled").type(),
        start.artifact("tripled").type());
  }

  @Test
  void resumeFromANamedStepRerunsItAndWhatFollows() throws Exception {
    Path dir = Files.createDirectories(root.resolve("named"));
    Files.createFile(dir.resolve("fix"));
    assertEquals(0, Runs.cli(Flows.FailOnce.class, root, "run", "--dir", dir.toString()).code());
    Runs.Result r = Runs.cli(Flows.FailOnce.class, root, "resume", "middle",
        "--origin-run-id", "1");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("tripled plus one is 10"), r.out());
    Runs.Result bad = Runs.cli(Flows.FailOnce.class, root, "resume", "nowhere");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("has no step 'nowhere'"), bad.err());
  }

  @Test
  void killMinusNineMidForeachThenResumeGivesTheSameResult() throws Exception {
    Path dir = Files.createDirectories(root.resolve("k9"));
    Process p = Runs.process(Flows.Foreach.class, root, "run", "--splits", "6", "--dir",
        dir.toString(), "--wait-ms", "1500", "--max-workers", "2");
    waitForFiles(dir, "seen-", 2);
    List<ProcessHandle> tasks = p.descendants().toList();
    assertFalse(tasks.isEmpty(), "task processes were running");
    p.destroyForcibly().waitFor();
    for (ProcessHandle t : tasks) {
      t.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS); // orphans notice and end
    }
    clear(dir);
    Files.createFile(dir.resolve("release"));
    Runs.Result r = Runs.cli(Flows.Foreach.class, root, "resume", "--origin-run-id", "1");
    assertEquals(0, r.code(), r.all());
    // 1..6 squared plus one each: 91 + 6, as an uninterrupted run makes it
    assertTrue(r.out().contains("total=97 order=[0, 1, 2, 3, 4, 5]"), r.out());
    assertEquals(0, Runs.cli(Flows.Foreach.class, root, "run", "--splits", "6", "--dir",
        dir.toString()).code());
    Run resumed = flow("Foreach").run(2);
    Run clean = flow("Foreach").run(3);
    for (String name : List.of("total", "order", "items")) {
      assertEquals((Object) clean.step("join").task().artifact(name).value(),
          resumed.step("join").task().artifact(name).value(), name);
    }
    assertEquals(6, resumed.step("plusOne").tasks().size(), "no split lost");
  }

  @Test
  void interruptEndsEveryTaskMarksTheRunKilledAndResumeCompletesIt() throws Exception {
    Path dir = Files.createDirectories(root.resolve("int"));
    Process p = Runs.process(Flows.Foreach.class, root, "run", "--splits", "4", "--dir",
        dir.toString(), "--wait-ms", "20000", "--max-workers", "4");
    waitForFiles(dir, "seen-", 1);
    List<ProcessHandle> tasks = p.descendants().toList();
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    long t0 = System.nanoTime();
    Runs.Result r = Runs.finish(p);
    for (ProcessHandle t : tasks) {
      t.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "every task process ended within 5 s");
    assertTrue(r.out().contains("interrupted"), r.out());
    assertEquals(RunStatus.KILLED, flow("Foreach").run(1).status());
    clear(dir);
    Runs.Result again = Runs.cli(Flows.Foreach.class, root, "resume", "--wait-ms", "0");
    assertEquals(2, again.code(), "resume takes no parameters: it uses the origin's");
    Files.createFile(dir.resolve("release")); // the origin's --wait-ms 20000 still holds
    Runs.Result resumed = Runs.cli(Flows.Foreach.class, root, "resume");
    assertEquals(0, resumed.code(), resumed.all());
    assertTrue(resumed.out().contains("total=34"), resumed.out());
  }

  private static void clear(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      s.forEach(f -> f.toFile().delete());
    }
  }

  private static void waitForFiles(Path dir, String prefix, int n) throws Exception {
    for (int i = 0; i < 600; i++) {
      try (var s = Files.list(dir)) {
        if (s.filter(f -> f.getFileName().toString().startsWith(prefix)).count() >= n) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + n + " " + prefix + " files in " + dir);
  }
}
