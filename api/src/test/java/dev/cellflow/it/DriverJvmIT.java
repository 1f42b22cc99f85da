package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A flow's own {@code main} runs its command in a fast-starting copy of its JVM. */
class DriverJvmIT {
  @TempDir Path root;

  @Test
  @EnabledOnOs(OS.LINUX) // the copy is made from /proc/self/cmdline
  void theCopyRunsTheFlowAndASigtermToTheFirstJvmEndsTheRunAsKilled() throws Exception {
    Path dir = Files.createDirectories(root.resolve("d"));
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Flows.Foreach.class.getName(),
        "run", "--splits", "2", "--dir", dir.toString(), "--wait-ms", "20000",
        "--datastore-root", root.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(dir.resolve("seen-0")) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    List<ProcessHandle> below = p.descendants().toList();
    assertTrue(below.stream().anyMatch(h -> commandLine(h).contains("-Dcellflow.driver.copy")),
        "the run is in a copy");
    // SIGTERM to the JVM the user started (Process.destroy would close its output too)
    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
    Runs.Result r = Runs.finish(p);
    for (ProcessHandle h : below) {
      h.onExit().get(10, TimeUnit.SECONDS); // the copy and its task processes end too
    }
    assertTrue(r.out().contains("interrupted"), r.out());
    assertEquals("killed", new FlowDatastore(new LocalStorage(root), "Foreach").run(1).status());
  }

  /** A process's command line (ProcessHandle.Info leaves out long ones). */
  private static String commandLine(ProcessHandle h) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
    } catch (java.io.IOException e) {
      return ""; // it has ended
    }
  }
}
