package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.RunStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored logs: stamped where they were printed, and capped with a note. */
class LogsIT {
  @TempDir Path root;

  @Test
  void linesKeepTheTimeTheyWerePrinted() {
    assertEquals(0, Runs.cli(Flows.Chatty.class, root, "run", "--lines", "3").code());
    Runs.Result plain = Runs.cli(Flows.Chatty.class, root, "logs", "1/start/1");
    assertTrue(plain.out().startsWith("line 0000 xxx"), plain.out());
    Runs.Result stamped = Runs.cli(Flows.Chatty.class, root, "logs", "1/start/1",
        "--timestamps");
    for (String line : stamped.out().split("\n")) {
      assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z line \\d{4} x+"),
          line);
    }
  }

  @Test
  void aLogPastTheCapEndsWithANoteSayingSo() throws Exception {
    Process p = Runs.process(Map.of("CELLFLOW_LOG_CAP_KB", "16"), Flows.Chatty.class, root,
        "run", "--lines", "1000");
    Runs.Result r = Runs.finish(p);
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("line 0999"), "the console still shows everything");
    Runs.Result logs = Runs.cli(Flows.Chatty.class, root, "logs", "1/start/1", "--stdout");
    String kept = logs.out();
    assertTrue(kept.length() < 20 * 1024, "about 16 KB kept, not " + kept.length());
    assertTrue(kept.contains("line 0000"), kept);
    assertTrue(kept.strip().endsWith("bytes were printed but not kept (set CELLFLOW_LOG_CAP_KB)]"),
        kept.substring(kept.length() - 300));
  }

  /**
   * Issue 14: a disk that fills while the runtime keeps a task's output. The runtime, started by
   * the flow's own {@code main}, runs under a file-size limit (the shell's {@code ulimit -f}, so
   * the test needs no root to fill a disk): a log past it fails to grow, as on a full disk. The
   * run fails in one line naming the task, with no trace, is recorded failed, and {@code resume}
   * finishes it once the space is back.
   */
  @Test
  void aFullDiskWhileKeepingATasksOutputFailsTheRunInOneLineAndResumeFinishesIt()
      throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), Flows.Chatty.class.getName(),
        "run", "--lines", "30000", "--datastore-root", root.toString());
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of("sh", "-c",
        "ulimit -f 2048 && exec \"$@\"", "sh"))).redirectErrorStream(true);
    pb.command().addAll(command); // about 3.7 MB of output; the limit is 1 or 2 MB (sh's blocks)
    pb.environment().put("CELLFLOW_CDS", "false"); // no class archive to write past the limit
    Process p = pb.start();
    var output = CompletableFuture.supplyAsync(() -> {
      try { // a pipe, not a file: a file would be under the limit too
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return e.toString();
      }
    });
    if (!p.waitFor(120, TimeUnit.SECONDS)) { // before the fix it waited for ever
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("the run did not end: " + output.get(10, TimeUnit.SECONDS));
    }
    Runs.Result r = new Runs.Result(p.exitValue(), output.get(10, TimeUnit.SECONDS), "");
    assertEquals(1, r.code(), r.out());
    List<String> said = r.out().lines().filter(l -> !l.startsWith("[1/start/1")).toList();
    String failed = said.stream().filter(l -> l.startsWith("Run Chatty/1 failed in")).findFirst()
        .orElseThrow(() -> new AssertionError(r.out()));
    assertTrue(failed.contains(": could not store the output of task 1/start/1 in " + root)
        && failed.contains("File too large") && failed.contains("resume --origin-run-id 1"),
        failed);
    assertTrue(said.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
        "one line, no trace: " + said);
    java.util.regex.Matcher kept = java.util.regex.Pattern.compile("\\(full trace: (\\S+)\\)$")
        .matcher(failed);
    assertTrue(kept.find(), failed);
    Path trace = Path.of(kept.group(1));
    assertTrue(java.nio.file.Files.readString(trace).contains("\tat dev.cellflow."), "the trace");
    java.nio.file.Files.delete(trace);
    var flow = Flow.in(new LocalStorage(root), "Chatty");
    assertEquals(RunStatus.FAILED, flow.run(1).status());

    Runs.Result resumed = Runs.cli(Flows.Chatty.class, root, "resume");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(RunStatus.SUCCEEDED, flow.latestRun().orElseThrow().status());
  }
}
