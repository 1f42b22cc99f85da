package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Parameter;
import dev.cellflow.Step;
import dev.cellflow.testing.Needs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user runs a flow with a branch and a foreach through its own {@code main}, writes the run's
 * report with {@code report RUN -o FILE}, and opens it in a browser: the file holds the graph,
 * the timeline, the parameters, artifacts and output, needs nothing from the network, and a
 * headless Chromium renders the step names and task counts. The page is saved as {@code
 * target/report/ReportIT.png} for review.
 */
class ReportIT {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM",
      "/usr/bin/chromium"));
  private static final Path OUT = Path.of("target", "report").toAbsolutePath();

  @TempDir Path root;

  /** start, a branch into left and right, their join, a foreach over squares, its join. */
  public static class Shapes extends FlowSpec {
    @Parameter(help = "how many squares") int splits = 3;
    String side;
    List<Integer> items;
    int square;
    long total;

    @Step public void start() {
      next(this::left, this::right);
    }

    @Step public void left() {
      side = "left";
      next(this::meet);
    }

    @Step public void right() {
      side = "right";
      next(this::meet);
    }

    @Step public void meet(Inputs<Shapes> in) {
      items = new ArrayList<>();
      for (int i = 1; i <= splits; i++) {
        items.add(i);
      }
      foreach("items", this::square);
    }

    @Step public void square() {
      int x = input();
      square = x * x;
      System.out.println("squared " + x + " into " + square);
      next(this::gather);
    }

    @Step public void gather(Inputs<Shapes> in) {
      total = in.stream().mapToLong(s -> s.square).sum();
      next(this::end);
    }

    @Step public void end() {
      System.out.println("total=" + total);
    }

    public static void main(String[] args) {
      FlowSpec.main(Shapes.class, args);
    }
  }

  @Test
  void reportOfABranchAndAForeachOpensInABrowser() throws Exception {
    Runs.Result run = Runs.finish(Runs.viaMain(Map.of(), Shapes.class, root, "run",
        "--splits", "7"));
    assertEquals(0, run.code(), run.out());
    Files.createDirectories(OUT);
    Path html = OUT.resolve("ReportIT.html");
    Files.deleteIfExists(html);
    Runs.Result rep = Runs.finish(Runs.viaMain(Map.of(), Shapes.class, root, "report", "1",
        "-o", html.toString()));
    assertEquals(0, rep.code(), rep.out());
    assertTrue(rep.out().contains("Wrote " + html), rep.out());

    String page = Files.readString(html, StandardCharsets.UTF_8);
    for (String step : List.of("start", "left", "right", "meet", "square", "gather", "end")) {
      assertTrue(page.contains("data-step=\"" + step + "\""), "no section for " + step);
    }
    assertTrue(page.contains("data-step=\"square\" data-tasks=\"7\""), "square has 7 tasks");
    assertTrue(page.contains("7 tasks: 7 succeeded"), "the graph counts square's tasks");
    assertTrue(page.contains(">foreach items: 7 splits</text>"),
        "the foreach edge is labelled with its split count");
    assertTrue(page.contains("<td>splits</td><td>7</td>"), "the parameter is shown");
    assertTrue(page.contains("<td>total</td><td>java.lang.Long</td>")
        && page.contains("<td>140</td>"), "gather's total artifact and its value (1+4+..+49)");
    assertTrue(page.contains("squared 7 into 49"), "a task's output is shown");
    assertTrue(page.contains("class=\"timeline overview\""), "the timeline is there");
    // self-contained: nothing to fetch, nothing to run
    assertFalse(Pattern.compile("<script|<link|<img|<iframe|src=|href=|@import|url\\(http")
        .matcher(page).find(), "the report loads nothing");

    // one step's details, and a step the run does not have
    Path one = OUT.resolve("ReportIT-square.html");
    Runs.Result step = Runs.finish(Runs.viaMain(Map.of(), Shapes.class, root, "report",
        "1/square", "-o", one.toString()));
    assertEquals(0, step.code(), step.out());
    String onePage = Files.readString(one, StandardCharsets.UTF_8);
    assertTrue(onePage.contains("<section class=\"step\" id=\"step-square\"")
        && !onePage.contains("id=\"step-meet\""), "only square's section");
    Runs.Result bad = Runs.finish(Runs.viaMain(Map.of(), Shapes.class, root, "report",
        "1/sqare"));
    assertEquals(1, bad.code(), bad.out());
    assertTrue(bad.out().strip().startsWith("error: run Shapes/1 has no step 'sqare'")
        && bad.out().strip().lines().count() == 1, bad.out());

    chromium();
    Path dom = OUT.resolve("ReportIT.dom.html");
    Process dump = new ProcessBuilder(browser(List.of("--dump-dom", html.toUri().toString())))
        .redirectOutput(dom.toFile()).redirectError(OUT.resolve("chromium.log").toFile())
        .start();
    assertTrue(dump.waitFor(120, TimeUnit.SECONDS), "chromium --dump-dom did not finish");
    String rendered = Files.readString(dom, StandardCharsets.UTF_8);
    assertTrue(rendered.contains("Step square") && rendered.contains("Step meet")
        && rendered.contains("7 tasks: 7 succeeded"), "Chromium rendered no steps: "
        + rendered.substring(0, Math.min(500, rendered.length())));
    assertTrue(rendered.contains("<rect"), "Chromium kept the SVG");

    Path png = OUT.resolve("ReportIT.png");
    Files.deleteIfExists(png);
    Process shot = new ProcessBuilder(browser(List.of("--screenshot=" + png,
        "--window-size=1200,1800", html.toUri().toString())))
        .redirectErrorStream(true).redirectOutput(OUT.resolve("chromium-shot.log").toFile())
        .start();
    assertTrue(shot.waitFor(120, TimeUnit.SECONDS), "chromium --screenshot did not finish");
    assertTrue(Files.size(png) > 10_000, "the screenshot is empty");
  }

  private List<String> browser(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
        "--user-data-dir=" + root.resolve("chromium-profile")));
    cmd.addAll(args);
    return cmd;
  }

  /**
   * Goes on where Chromium is installed; else skips, or fails where {@code CI=true}: a CI that
   * cannot look at the report must not be green. (A local check until the shared test helper
   * for missing tools is in main.)
   */
  private static void chromium() {
    Needs.tool(Files.isExecutable(CHROMIUM), "Chromium at " + CHROMIUM,
        "run bin/test (it installs Debian's chromium), apt-get install chromium, or set CHROMIUM");
  }
}
