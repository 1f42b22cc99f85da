package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.RunStatus;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that fails in any way fails its run, never the runtime, and says why. */
class FailuresIT {
  @TempDir Path root;

  private Runs.Result crash(String mode) {
    return Runs.cli(Flows.Crash.class, root, "run", "--mode", mode);
  }

  @Test
  void systemExitInAStepEndsOnlyItsTask() throws Exception {
    Runs.Result r = crash("exit");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.all().contains("exited with code 3 before the step finished"), r.all());
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Crash");
    assertEquals(3, ds.task(1, "start", 1).exitCode());
    assertEquals(RunStatus.FAILED, ds.run(1).status());
    // the runtime is alive and well: the next run works
    assertEquals(0, crash("ok").code());
  }

  @Test
  void anExceptionIsReportedWithItsTrace() {
    Runs.Result r = crash("throw");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("java.lang.IllegalStateException: boom in start"), r.err());
    assertTrue(r.err().contains("task 1/start/1 failed"), r.err());
    assertTrue(r.err().contains("logs 1/start/1"), r.err());
  }

  @Test
  void outOfMemoryIsReportedInWords() {
    Runs.Result r = crash("oom");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("out of memory"), r.err());
    assertTrue(r.err().contains("@Resources(memory = ...)"), r.err());
  }

  @Test
  void twoTransitionsAtRunTimeFailTheTask() {
    Runs.Result r = crash("twice");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("step 'start' called next/foreach 2 times while running"),
        r.err());
  }

  @Test
  void anUnstorableArtifactNamesFieldStepAndType() {
    Runs.Result r = Runs.cli(Flows.Unstorable.class, root, "run");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("step 'start': artifact 'lock' of type java.lang.Object cannot"
        + " be stored"), r.err());
    assertTrue(r.err().contains("transient"), r.err());
  }

  @Test
  void memoryBeyondTheMachineFailsBeforeUserCode() throws Exception {
    long before = System.currentTimeMillis() - 1000;
    Runs.Result r = Runs.cli(Flows.Greedy.class, root, "run");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("step 'start' asks for 10000000 MB of memory"), r.err());
    assertTrue(r.err().contains("--with batch"), r.err());
    assertFalse(r.all().contains("user code ran"), r.all());
    assertFalse(r.all().contains("OutOfMemoryError"), r.all());
    // nor did a task process die trying to start with that heap (a JVM that cannot commit its
    // heap writes an error file where the user stands)
    try (var files = java.nio.file.Files.list(Path.of(""))) {
      assertEquals(java.util.List.of(), files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid"))
          .filter(f -> f.toFile().lastModified() >= before).toList());
    }
  }
}
