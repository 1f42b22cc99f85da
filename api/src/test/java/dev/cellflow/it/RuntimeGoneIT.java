package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.RunStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.launcher.Launcher;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processes a user starts are killed with {@code kill -9}, or a run cannot go on: every
 * process of the run ends, and no run is left recorded as running ({@code runs} tells a live
 * run from one whose runtime is gone). Started as users start flows: the flow's own {@code
 * main}, {@code java -jar}, and the launcher {@code bin/cellflow} runs.
 */
@EnabledOnOs(OS.LINUX) // the process checks need /proc
class RuntimeGoneIT {
  @TempDir Path root;
  /** The processes a test started, ended after it even when it fails before it kills them. */
  private final List<Process> started = new ArrayList<>();
  private final List<ProcessHandle> below = new ArrayList<>();

  @AfterEach
  void endWhatWasStarted() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    below.forEach(ProcessHandle::destroyForcibly); // orphans, where a test failed
  }

  @Test
  void killMinusNineOfTheFlowsMainEndsEveryTaskAndTheRunIsNotLeftRunning()
      throws Exception {
    Path dir = Files.createDirectories(root.resolve("d"));
    Process p = Runs.viaMain(Map.of(), Flows.Foreach.class, root, "run", "--splits", "2",
        "--dir", dir.toString(), "--wait-ms", "60000");
    started.add(p);
    List<ProcessHandle> run = whileRunning(p, dir);

    assertTrue(runs(Flows.Foreach.class).contains("1      running"), runs(Flows.Foreach.class));
    Runs.Result resume = Runs.cli(Flows.Foreach.class, root, "resume");
    assertEquals(1, resume.code(), resume.all());
    assertTrue(resume.err().contains("resume: run Foreach/1 is still running (its runtime, pid "),
        resume.err());

    killNine(p, run);
    // the runtime itself was killed, so nothing could record the run as killed: runs sees its
    // runtime gone, as for the launcher below
    assertTrue(runs(Flows.Foreach.class).contains("1      dead"), runs(Flows.Foreach.class));
  }

  @Test
  void killMinusNineOfJavaDashJarEndsEveryProcessOfTheRun() throws Exception {
    Path jar = root.resolve("foreach.jar");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Flows.Foreach.class.getName());
    List<String> cp = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      cp.add(Path.of(e).toUri().toString());
    }
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", cp));
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      // the manifest's class path holds the classes
    }
    Path dir = Files.createDirectories(root.resolve("d"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", jar.toString(), "run", "--splits", "2", "--dir", dir.toString(),
        "--wait-ms", "60000", "--datastore-root", root.toString())
        .redirectErrorStream(true).start();
    started.add(p);
    killNine(p, whileRunning(p, dir));
    assertFalse(runs(Flows.Foreach.class).contains("running"), runs(Flows.Foreach.class));
  }

  @Test
  void killMinusNineOfTheLauncherEndsItsTasksAndRunsShowsTheRunDead() throws Exception {
    Path marker = root.resolve("sleeping");
    Files.writeString(root.resolve("sleepy.jsh"), """
        %flow Sleepy
        String marker = "MARKER";
        %resources memory=600
        java.nio.file.Files.writeString(java.nio.file.Path.of(marker), "up");
        Thread.sleep(60_000);
        int woke = 1;
        """.replace("MARKER", marker.toString()));
    // what bin/cellflow execs
    Process p = launcher("run", "sleepy.jsh", "--datastore-root", root.toString()).start();
    started.add(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(marker), "the step runs");
    List<ProcessHandle> run = p.descendants().toList();
    assertFalse(run.isEmpty(), "task processes run");
    killNine(p, run);

    Process runs = launcher("runs", "sleepy.jsh", "--datastore-root", root.toString()).start();
    Runs.Result listed = Runs.finish(runs);
    assertEquals(0, listed.code(), listed.out());
    assertTrue(listed.out().contains("1      dead"), listed.out());
    assertEquals(RunStatus.DEAD, Flow.in(new LocalStorage(root), "Sleepy")
        .run(1).status());
  }

  @Test
  void aLogCapThatIsNoNumberIsOneLineNamingItAndNoRunIsLeftRunning() throws Exception {
    Runs.Result r = Runs.finish(Runs.viaMain(Map.of("CELLFLOW_LOG_CAP_KB", "abc"),
        Flows.Linear.class, root, "run"));
    assertEquals(1, r.code(), r.out());
    assertEquals("error: CELLFLOW_LOG_CAP_KB is 'abc': give a whole number of kilobytes"
        + " (default 65536)", r.out().strip());
    assertTrue(runs(Flows.Linear.class).contains("No runs of Linear"), runs(Flows.Linear.class));
  }

  @Test
  void aResumeWhoseOriginLostAResultFailsSayingSo() throws Exception {
    assertEquals(0, Runs.cli(Flows.Linear.class, root, "run").code());
    Files.delete(root.resolve("Linear/1/start/1/result.json"));
    Runs.Result r = Runs.finish(Runs.viaMain(Map.of(), Flows.Linear.class, root, "resume"));
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("Run Linear/2 failed in ")
        && r.out().contains("task Linear/1/start/1 has no stored result"), r.out());
    assertFalse(r.out().contains("\tat "), r.out());
    assertTrue(runs(Flows.Linear.class).contains("2      failed"), runs(Flows.Linear.class));
  }

  /**
   * Waits until both splits of the Foreach run {@code p} started are running, and returns the
   * processes of the run then: the task processes (and the launcher's JVM where one started).
   */
  private static List<ProcessHandle> whileRunning(Process p, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(Files.exists(dir.resolve("seen-0")) && Files.exists(dir.resolve("seen-1")))
        && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    List<ProcessHandle> run = p.descendants().toList();
    assertTrue(run.stream().filter(h -> commandLine(h).contains("WorkerMain")).count() >= 2,
        "both splits run in task processes");
    return run;
  }

  /** Kills {@code p} with SIGKILL; each of {@code run} must end within seconds. */
  private void killNine(Process p, List<ProcessHandle> run) throws Exception {
    below.addAll(run);
    long t0 = System.nanoTime();
    new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor();
    for (ProcessHandle h : run) {
      h.onExit().get(20, TimeUnit.SECONDS);
    }
    // 2 s asked for; the margin is for a loaded machine
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(took < 10_000, "every process of the run ended, in " + took + " ms");
    p.waitFor();
  }

  private String runs(Class<? extends dev.cellflow.FlowSpec> flow) {
    return Runs.cli(flow, null, "runs", "--datastore-root", root.toString()).out();
  }

  private ProcessBuilder launcher(String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
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
