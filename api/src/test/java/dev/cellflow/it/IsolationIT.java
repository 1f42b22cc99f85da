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

  /** Splits that each change a static counter, a static final list and a ThreadLocal. */
  public static class StaticStateSplits extends FlowSpec {
    static int counter;
    static final List<Integer> SEEN = new java.util.ArrayList<>();
    static final ThreadLocal<String> MINE = new ThreadLocal<>();
    List<Integer> items = List.of(1, 2, 3, 4, 5, 6);

    @Step public void start() {
      foreach("items", this::each);
    }

    @Step public void each() {
      counter++;
      System.out.println("counter " + counter + ", list " + SEEN + ", thread-local "
          + MINE.get() + ", loader " + getClass().getClassLoader().getName());
      SEEN.add((Integer) input());
      MINE.set("set by split " + input());
      next(this::join);
    }

    @Step public void join(dev.cellflow.Inputs<StaticStateSplits> in) {
      next(this::end);
    }

    @Step public void end() { }

    public static void main(String[] args) {
      FlowSpec.main(StaticStateSplits.class, args);
    }
  }

  /** Splits of a flow whose classes hold only constants (an enum among them). */
  public static class ConstantSplits extends FlowSpec {
    static final int LIMIT = 10;
    static final String NAME = "constants";
    static final Long BIG = 1L << 40;
    List<Shade> items = List.of(Shade.DARK, Shade.LIGHT, Shade.DARK, Shade.LIGHT, Shade.DARK);

    /** An enum with a final field: its constants are values. */
    public enum Shade {
      DARK(1), LIGHT(2);

      final int level;

      Shade(int level) {
        this.level = level;
      }
    }

    @Step public void start() {
      foreach("items", this::each);
    }

    @Step public void each() {
      Shade s = (Shade) input();
      String kind = switch (s) {
        case DARK -> "dark";
        case LIGHT -> "light";
      };
      System.out.println(NAME + " " + kind + " " + (s.level + LIMIT + BIG) + ", loader "
          + getClass().getClassLoader().getName());
      next(this::join);
    }

    @Step public void join(dev.cellflow.Inputs<ConstantSplits> in) {
      next(this::end);
    }

    @Step public void end() { }

    public static void main(String[] args) {
      FlowSpec.main(ConstantSplits.class, args);
    }
  }

  /** Splits that each read, then set, a system property. */
  public static class PropertySplits extends FlowSpec {
    List<Integer> items = List.of(1, 2, 3, 4);

    @Step public void start() {
      foreach("items", this::each);
    }

    @Step public void each() {
      System.out.println("property before: " + System.getProperty("isolation.leak"));
      System.setProperty("isolation.leak", "set by a split");
      next(this::join);
    }

    @Step public void join(dev.cellflow.Inputs<PropertySplits> in) {
      next(this::end);
    }

    @Step public void end() { }

    public static void main(String[] args) {
      FlowSpec.main(PropertySplits.class, args);
    }
  }

  /** Splits that each start a thread that outlives them (it sleeps until its process ends). */
  public static class ThreadSplits extends FlowSpec {
    static int splitsSeenHere;
    List<Integer> items = List.of(1, 2, 3);

    @Step public void start() {
      foreach("items", this::each);
    }

    @Step public void each() {
      splitsSeenHere++;
      System.out.println("splits seen by this process: " + splitsSeenHere);
      new Thread(() -> {
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          // ends
        }
      }, "left-behind").start();
      next(this::join);
    }

    @Step public void join(dev.cellflow.Inputs<ThreadSplits> in) {
      next(this::end);
    }

    @Step public void end() { }

    public static void main(String[] args) {
      FlowSpec.main(ThreadSplits.class, args);
    }
  }

  /**
   * Split 0 waits for the others to end, then fails once; with two processes, the others all
   * ran in the one its retry could be sent to.
   */
  public static class RetryAfterSplits extends FlowSpec {
    static int splitsSeenHere;
    @Parameter(help = "a folder for the marks") String dir = "";
    List<Integer> items = List.of(0, 1, 2, 3);

    @Step public void start() {
      foreach("items", this::each);
    }

    @Retry(times = 1, minutesBetweenRetries = 0)
    @Step public void each() throws Exception {
      splitsSeenHere++;
      int item = (Integer) input();
      System.out.println("split " + item + ", splits seen by this process: " + splitsSeenHere);
      if (item != 0) {
        Files.createFile(Path.of(dir, "done-" + item + "-" + splitsSeenHere));
      } else if (!Files.exists(Path.of(dir, "failed-once"))) {
        long until = System.currentTimeMillis() + 60_000;
        while (countDone() < 3 && System.currentTimeMillis() < until) {
          Thread.sleep(20);
        }
        Files.createFile(Path.of(dir, "failed-once"));
        throw new IllegalStateException("first attempt fails");
      }
      next(this::join);
    }

    private long countDone() throws java.io.IOException {
      try (var files = Files.list(Path.of(dir))) {
        return files.filter(f -> f.getFileName().toString().startsWith("done-")).count();
      }
    }

    @Step public void join(dev.cellflow.Inputs<RetryAfterSplits> in) {
      next(this::end);
    }

    @Step public void end() { }

    public static void main(String[] args) {
      FlowSpec.main(RetryAfterSplits.class, args);
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

  /** The pids of the lines of step {@code each} matching {@code tail}, in order. */
  private static List<String> eachPids(String out, String tail) {
    Matcher m = Pattern.compile("\\[1/each/\\d+(?:\\.\\d+)? \\(pid (\\d+)\\)\\] " + tail)
        .matcher(out);
    List<String> pids = new java.util.ArrayList<>();
    while (m.find()) {
      pids.add(m.group(1));
    }
    return pids;
  }

  /** The loader names printed by step {@code each}'s tasks, by pid, in order. */
  private static java.util.Map<String, List<String>> loadersByPid(String out) {
    Matcher m = Pattern.compile("\\[1/each/\\d+ \\(pid (\\d+)\\)\\] .*, loader (\\S+)")
        .matcher(out);
    java.util.Map<String, List<String>> by = new java.util.HashMap<>();
    while (m.find()) {
      by.computeIfAbsent(m.group(1), k -> new java.util.ArrayList<>()).add(m.group(2));
    }
    return by;
  }

  @Test
  void aWarmProcessGivesNoTaskTheStaticsOrThreadLocalsOfTheLast() throws Exception {
    String[] r = run(null, StaticStateSplits.class, "--max-workers", "1");
    assertEquals("0", r[0], r[1]);
    List<String> clean = eachPids(r[1], "counter 1, list \\[\\], thread-local null, loader .*");
    assertEquals(6, clean.size(), "a split saw another's statics or thread-local:\n" + r[1]);
    assertTrue(new java.util.HashSet<>(clean).size() < 6, "no process ran two splits:\n" + r[1]);
    for (List<String> loaders : loadersByPid(r[1]).values()) {
      assertEquals(loaders.size(), new java.util.HashSet<>(loaders).size(),
          "two splits shared a loader of classes with state:\n" + r[1]);
    }
  }

  @Test
  void aFlowOfConstantsKeepsItsClassesLoadedFromTaskToTask() throws Exception {
    String[] r = run(null, ConstantSplits.class, "--max-workers", "1");
    assertEquals("0", r[0], r[1]);
    java.util.Map<String, List<String>> byPid = loadersByPid(r[1]);
    assertEquals(5, byPid.values().stream().mapToInt(List::size).sum(), r[1]);
    assertTrue(byPid.size() < 5, "no process ran two splits:\n" + r[1]);
    for (List<String> loaders : byPid.values()) {
      assertEquals(1, new java.util.HashSet<>(loaders).size(),
          "a process loaded a flow of constants again:\n" + r[1]);
      assertTrue(loaders.get(0).startsWith("cellflow-flow-"), r[1]);
    }
    assertTrue(r[1].contains("constants light 1099511627788"), r[1]);
  }

  @Test
  void systemPropertiesAreRestoredAfterEachTask() throws Exception {
    String[] r = run(null, PropertySplits.class, "--max-workers", "1");
    assertEquals("0", r[0], r[1]);
    List<String> clean = eachPids(r[1], "property before: null");
    assertEquals(4, clean.size(), "a split saw another's property:\n" + r[1]);
    assertTrue(new java.util.HashSet<>(clean).size() < 4, "no process ran two splits:\n" + r[1]);
  }

  @Test
  void aProcessATaskLeftThreadsInRunsNoOtherTask() throws Exception {
    String[] r = run(null, ThreadSplits.class, "--max-workers", "1");
    assertEquals("0", r[0], r[1]);
    List<String> first = eachPids(r[1], "splits seen by this process: 1");
    assertEquals(3, first.size(), "a split ran where another left a thread:\n" + r[1]);
    assertEquals(3, new java.util.HashSet<>(first).size(), r[1]);
    assertTrue(r[1].contains("cellflow: step 'each' left thread(s) [left-behind] running; this"
        + " process runs no other task"), r[1]);
  }

  @Test
  void aRetryRunsInAProcessNoEarlierTaskRanIn() throws Exception {
    String[] r = run(null, RetryAfterSplits.class, "--max-workers", "2", "--dir",
        root.toString());
    assertEquals("0", r[0], r[1]);
    Matcher retry = Pattern.compile("\\[1/each/\\d+\\.1 \\(pid \\d+\\)\\] split 0, splits"
        + " seen by this process: (\\d+)").matcher(r[1]);
    assertTrue(retry.find(), r[1]);
    assertEquals("1", retry.group(1), "the retry ran where other splits had run:\n" + r[1]);
  }
}
