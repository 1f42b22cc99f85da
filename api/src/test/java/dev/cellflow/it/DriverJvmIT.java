package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Step;
import dev.cellflow.datastore.FlowDatastore;
import dev.cellflow.datastore.LocalStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * A flow whose {@code main} does something before {@code FlowSpec.main}: it appends a line to
   * the file {@code MAIN_LOG} names, so each JVM that runs the main leaves one line.
   */
  public static class Counted extends FlowSpec {
    @Step
    public void start() {
      next(this::end);
    }

    @Step
    public void end() {}

    public static void main(String[] args) throws Exception {
      Files.writeString(Path.of(System.getenv("MAIN_LOG")), "main\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      FlowSpec.main(Counted.class, args);
    }
  }

  /** How many JVMs ran {@link Counted}'s main for {@code args} with {@code env} added. */
  private int mains(Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile(root, "main", ".log");
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("MAIN_LOG", log.toString());
    Runs.Result r = Runs.finish(Runs.viaMain(all, Counted.class, null, args));
    assertEquals(0, r.code(), r.out());
    return Files.readAllLines(log).size();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void onlyRunAndResumeAreRelaunchedAndTheMasterSwitchKeepsThemInTheFirstJvm() throws Exception {
    // the cost of the relaunch, as docs/startup.md says: code in main before FlowSpec.main runs
    // twice for run (and resume)
    String store = root.resolve("store").toString();
    assertEquals(2, mains(Map.of(), "run", "--datastore-root", store));
    // a short command is not worth a second JVM
    assertEquals(1, mains(Map.of(), "check"));
    assertEquals(1, mains(Map.of(), "show"));
    assertEquals(1, mains(Map.of(), "runs", "--datastore-root", store));
    // nothing of the start-up machinery with the master switch off
    assertEquals(1, mains(Map.of("CELLFLOW_FAST_START", "false"), "run", "--datastore-root",
        store));
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
