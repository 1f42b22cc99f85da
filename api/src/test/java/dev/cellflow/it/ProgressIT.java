package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Parameter;
import dev.cellflow.Retry;
import dev.cellflow.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run shows while it runs, started through the flow's own {@code main} as a user starts
 * it: on a terminal (a pseudo-terminal made by {@code script}) a live line per active step
 * below the tasks' output; in a pipe plain lines and a summary per foreach; quiet, only
 * failures and the result line.
 */
class ProgressIT {
  @TempDir Path root;

  /** A foreach whose splits print a line on each stream and wait; one fails once, or always. */
  public static class Progress extends FlowSpec {
    @Parameter(help = "splits") int splits = 8;
    @Parameter(help = "ms each split waits") int waitMs = 0;
    @Parameter(help = "a folder for the split that fails once") String dir = "";
    @Parameter(help = "the split that always fails, -1 for none") int broken = -1;
    List<Integer> items;
    int mine;

    @Step public void start() {
      items = new ArrayList<>();
      for (int i = 0; i < splits; i++) {
        items.add(i);
      }
      foreach("items", this::square);
    }

    @Retry(times = 1, minutesBetweenRetries = 0)
    @Step public void square() throws Exception {
      mine = input();
      System.out.println("square " + mine + " says hi");
      System.err.println("square " + mine + " warns");
      if (mine == broken) {
        throw new IllegalStateException("split " + mine + " is broken");
      }
      if (mine == 0 && !dir.isEmpty() && !Files.exists(Path.of(dir, "failed-once"))) {
        Files.createFile(Path.of(dir, "failed-once"));
        throw new IllegalStateException("the first try of split 0 fails");
      }
      Thread.sleep(waitMs);
      next(this::join);
    }

    @Step public void join(Inputs<Progress> in) {
      next(this::end);
    }

    @Step public void end() {}

    public static void main(String[] args) {
      FlowSpec.main(Progress.class, args);
    }
  }

  private static final Pattern LIVE = Pattern.compile(
      "square: (\\d+)/12 done, (\\d+) running, (\\d+) failed, \\d+\\.\\d s");

  @Test
  void onATerminalEachActiveStepHasALiveLineBelowTheIntactOutput() throws Exception {
    List<String> cmd = command("run", "--splits", "12", "--wait-ms", "400", "--max-workers",
        "4", "--dir", root.toString());
    String shell = String.join(" ", cmd.stream().map(a -> "'" + a + "'").toList());
    ProcessBuilder pb = new ProcessBuilder("script", "-qfec", shell, "/dev/null")
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
            new java.io.File("/dev/null")));
    env(pb.environment());
    pb.environment().put("TERM", "xterm");
    Runs.Result r = Runs.finish(pb.start());
    String out = r.out();
    assertEquals(0, r.code(), out);
    Matcher m = LIVE.matcher(out);
    Set<String> seen = new TreeSet<>();
    while (m.find()) {
      assertTrue(Integer.parseInt(m.group(2)) <= 4, m.group());
      seen.add(m.group());
    }
    assertTrue(seen.stream().anyMatch(l -> l.matches("square: \\d+/12 done, 4 running, .*")),
        "no live line with the counts while the foreach ran:\n" + printable(out));
    assertTrue(out.contains("\r\033[J"), "live lines are erased before output");
    // every output line of every split is whole: after the erase of the live lines, nothing of
    // them is left on the line, and nothing is drawn into it
    Set<Integer> said = new TreeSet<>();
    for (String line : out.split("\n")) {
      int erased = line.lastIndexOf("\033[J");
      String after = (erased < 0 ? line : line.substring(erased + 3)).replace("\r", "");
      if (line.contains(" says hi")) {
        Matcher t = Pattern.compile("\\[1/square/\\d+(\\.1)? \\(pid \\d+\\)\\] square (\\d+)"
            + " says hi").matcher(after);
        assertTrue(t.matches(), "a broken output line: " + printable(line));
        said.add(Integer.parseInt(t.group(2)));
      } else if (line.contains(" warns")) {
        assertTrue(after.matches("\\[1/square/\\d+(\\.1)? \\(pid \\d+\\)\\] square \\d+ warns"),
            "a broken output line: " + printable(line));
      }
    }
    assertEquals(12, said.size(), printable(out));
    assertTrue(out.contains("square: 12 tasks done in "), printable(out));
    assertTrue(out.matches("(?s).*Run Progress/1 succeeded in [0-9.]+ s\r?\n$"),
        "the result line ends the output, the live lines cleared:\n" + printable(out));
  }

  @Test
  void withoutATerminalPlainLinesAndOneSummaryPerForeach() throws Exception {
    Runs.Result r = user(command("run", "--splits", "12", "--dir", root.toString()));
    String out = r.out();
    assertEquals(0, r.code(), out);
    assertFalse(out.chars().anyMatch(c -> c < 32 && c != '\n' && c != '\t'),
        "control characters in plain output:\n" + printable(out));
    List<String> summaries = out.lines().filter(l -> l.startsWith("square: ")).toList();
    assertEquals(1, summaries.size(), out);
    assertTrue(summaries.get(0).matches(
        "square: 12 tasks done in \\d+\\.\\d s \\(0 failed, 1 retried\\)"), summaries.get(0));
    assertEquals(13, out.lines().filter(l -> l.matches("\\[1/square/.*\\] square \\d+ says hi"))
        .count(), out); // split 0 twice
    assertTrue(out.contains("Run Progress/1 starting"), out);
  }

  @Test
  void quietPrintsOnlyFailuresAndTheResultLine() throws Exception {
    Runs.Result ok = user(command("run", "--quiet", "--splits", "3"));
    assertEquals(0, ok.code(), ok.out());
    assertTrue(ok.out().matches("Run Progress/1 succeeded in [0-9.]+ s\n"), ok.out());

    Runs.Result failed = user(command("run", "--splits", "3", "--broken", "1", "-q"));
    assertEquals(1, failed.code(), failed.out());
    List<String> lines = failed.out().lines().toList();
    assertEquals(2, lines.size(), failed.out());
    assertTrue(lines.get(0).matches("Task 2/square/\\d+ attempt 0 failed: .*split 1 is broken.*"
        + "; retrying in 0 s \\(attempt 2 of 2\\)"), lines.get(0));
    assertTrue(lines.get(1).matches("Run Progress/2 failed in [0-9.]+ s: task 2/square/\\d+"
        + " failed \\(attempt 1\\): .*split 1 is broken.*"), lines.get(1));

    Runs.Result resumed = user(command("resume", "--quiet"));
    assertEquals(1, resumed.code(), resumed.out());
    assertTrue(resumed.out().lines().allMatch(l -> l.startsWith("Task 3/square/")
        || l.startsWith("Run Progress/3 failed in ")), resumed.out());
  }

  /** {@code java -cp CP Progress ARGS --datastore-root ROOT}, as a user types it. */
  private List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Progress.class.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--datastore-root", root.resolve("store").toString()));
    return cmd;
  }

  private Runs.Result user(List<String> cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    env(pb.environment());
    return Runs.finish(pb.start());
  }

  private void env(Map<String, String> env) {
    env.remove("CELLFLOW_PROGRESS");
    env.put("CELLFLOW_CONFIG", root.resolve("no-config.json").toString());
  }

  private static String printable(String s) {
    return s.replace("\033", "<ESC>").replace("\r", "<CR>");
  }
}
