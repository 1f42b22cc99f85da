package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Parameter;
import dev.cellflow.Retry;
import dev.cellflow.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one task leaves in its process does not reach the next attempt, run by the flow's main. */
class IsolationIT {
  @TempDir Path root;

  /** Counts its attempts in a static field; the first attempt (marked in a file) fails. */
  public static class StaticRetry extends FlowSpec {
    static int attemptsSeenHere;

    @Parameter(help = "a folder for the first attempt's mark") String dir = "";

    @Retry(times = 1, minutesBetweenRetries = 0)
    @Step public void start() throws Exception {
      attemptsSeenHere++;
      System.out.println("attempts seen by this process: " + attemptsSeenHere);
      Path mark = Path.of(dir, "failed-once");
      if (!Files.exists(mark)) {
        Files.createFile(mark);
        throw new IllegalStateException("first attempt fails");
      }
      next(this::end);
    }

    @Step public void end() { }

    public static void main(String[] args) {
      FlowSpec.main(StaticRetry.class, args);
    }
  }

  /** A foreach whose splits count themselves in a static field. */
  public static class StaticSplits extends FlowSpec {
    static int splitsSeenHere;
    List<Integer> items = List.of(1, 2, 3, 4, 5, 6);

    @Step public void start() {
      foreach("items", this::each);
    }

    @Step public void each() {
      splitsSeenHere++;
      System.out.println("splits seen by this process: " + splitsSeenHere);
      next(this::join);
    }

    @Step public void join(dev.cellflow.Inputs<StaticSplits> in) {
      next(this::end);
    }

    @Step public void end() { }

    public static void main(String[] args) {
      FlowSpec.main(StaticSplits.class, args);
    }
  }

  /** Runs {@code flow}'s main with {@code args}; its exit code and output. */
  private String[] run(String taskProcess, Class<?> flow, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), flow.getName(), "run",
        "--datastore-root", root.resolve("store").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (taskProcess != null) {
      pb.environment().put("CELLFLOW_TASK_PROCESS", taskProcess);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
    return new String[] {Integer.toString(p.exitValue()), out};
  }

  @Test
  void withFreshTaskProcessesNoTaskSeesAnothersStatics() throws Exception {
    String[] r = run("fresh", StaticSplits.class);
    assertEquals("0", r[0], r[1]);
    Matcher m = Pattern.compile("\\[1/each/\\d+ \\(pid (\\d+)\\)\\] splits seen by this"
        + " process: (\\d+)").matcher(r[1]);
    java.util.Set<String> pids = new java.util.HashSet<>();
    while (m.find()) {
      assertEquals("1", m.group(2), r[1]);
      pids.add(m.group(1));
    }
    assertEquals(6, pids.size(), "six splits, six processes:\n" + r[1]);

    String[] bad = run("sometimes", StaticSplits.class);
    assertEquals("1", bad[0], bad[1]);
    assertTrue(bad[1].contains("CELLFLOW_TASK_PROCESS (or \"taskProcess\" in "), bad[1]);
    assertTrue(bad[1].contains("is 'sometimes'; use warm (the default) or fresh"), bad[1]);
  }

  @Test
  void aRetryRunsInAnotherProcessThanItsFailedAttempt() throws Exception {
    String[] r = run(null, StaticRetry.class, "--dir", root.toString());
    assertEquals("0", r[0], r[1]);
    String out = r[1];
    Matcher first = Pattern.compile("\\[1/start/1 \\(pid (\\d+)\\)\\] attempts seen by this"
        + " process: 1").matcher(out);
    Matcher retry = Pattern.compile("\\[1/start/1\\.1 \\(pid (\\d+)\\)\\] attempts seen by this"
        + " process: (\\d+)").matcher(out);
    assertTrue(first.find(), out);
    assertTrue(retry.find(), out);
    assertNotEquals(first.group(1), retry.group(1), "the retry ran where its attempt failed");
    assertEquals("1", retry.group(2), "the failed attempt's static field reached its retry");
  }
}
