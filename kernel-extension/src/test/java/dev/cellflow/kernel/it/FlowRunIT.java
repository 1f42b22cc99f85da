package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %flow run CLASS}: a flow class declared in the notebook's cells, run from a cell of
 * cellflow's kernel driven by jupyter_client, with its foreach in task processes and one
 * display updated in place. One kernel runs the cells below in order.
 */
class FlowRunIT {
  @TempDir
  static Path dir;

  private static final List<Map<String, Object>> CELLS = new ArrayList<>();
  private static final Map<String, Integer> INDEX = new LinkedHashMap<>();
  private static JsonNode out;

  private static Map<String, Object> cell(String key, String code) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("code", code);
    INDEX.put(key, CELLS.size());
    CELLS.add(c);
    return c;
  }

  static {
    cell("decls", "record Point(int x, int y) {}\nstatic int sq(int v) { return v * v; }");
    cell("class", """
        public class Squares extends dev.cellflow.FlowSpec {
          @dev.cellflow.Parameter(help = "how many splits") int n = 5;
          List<Integer> items;
          int value;
          long pid;
          int total;
          Set<Long> pids;
          Point far;
          @dev.cellflow.Step public void start() {
            items = IntStream.rangeClosed(1, n).boxed().toList();
            foreach("items", this::square);
          }
          @dev.cellflow.Step public void square() throws Exception {
            int i = input();
            value = sq(i);
            pid = ProcessHandle.current().pid();
            System.out.println("split " + i + " squared " + value);
            Thread.sleep(200);
            next(this::join);
          }
          @dev.cellflow.Step public void join(dev.cellflow.Inputs<Squares> in) {
            total = in.stream().mapToInt(s -> s.value).sum();
            pids = in.stream().map(s -> s.pid).collect(Collectors.toSet());
            far = new Point(in.size(), sq(in.size()));
            next(this::end);
          }
          @dev.cellflow.Step public void end() {}
        }""");
    cell("run", "%flow run Squares --n 24 --max-workers 4");
    cell("read", """
        Run r = Flow.named("Squares").run(1);
        var join = r.step("join").task();
        Set<Long> pids = join.artifact("pids").value();
        Point far = join.artifact("far").value();
        System.out.println(r.status() + " total " + join.artifact("total").value()
            + " far " + far + " in the kernel: " + pids.contains(ProcessHandle.current().pid())
            + " square tasks: " + r.step("square").tasks().size());""");
    cell("show", "%flow show Squares/1");
    cell("help", "%flow run Squares --help");
    cell("noClass", "%flow run Nope");
    cell("badOption", "%flow run Squares --bogus 3");
    cell("badValue", "%flow run Squares --n many");
    cell("var", "int outside = 5;");
    cell("readsVar", """
        public class Reads extends dev.cellflow.FlowSpec {
          int v;
          @dev.cellflow.Step public void start() { v = outside; next(this::end); }
          @dev.cellflow.Step public void end() {}
        }""");
    cell("runReadsVar", "%flow run Reads");
    cell("notFlow", "class Plain {}");
    cell("runNotFlow", "%flow run Plain");
    cell("failing", """
        public class Fails extends dev.cellflow.FlowSpec {
          @dev.cellflow.Step public void start() {
            if (System.nanoTime() != 0) throw new IllegalStateException("no data");
            next(this::end);
          }
          @dev.cellflow.Step public void end() {}
        }""");
    cell("runFailing", "%flow run Fails");
    cell("slow", """
        public class Slow extends dev.cellflow.FlowSpec {
          @dev.cellflow.Step public void start() throws Exception {
            System.out.println("slow started");
            Thread.sleep(120_000);
            next(this::end);
          }
          @dev.cellflow.Step public void end() {}
        }""");
    cell("runSlow", "%flow run Slow").put("interrupt_when", "slow started");
    cell("afterSlow", "%flow show Slow/1");
  }

  @BeforeAll
  static void runCells() throws Exception {
    out = Jupyter.install(dir).cells(CELLS);
  }

  private static JsonNode at(String key) {
    return out.get(INDEX.get(key));
  }

  private static String error(String key) {
    return at(key).get("error").asText();
  }

  @Test
  void aForeachRunsInTaskProcessesWithOneDisplayUpdatedInPlace() {
    assertTrue(at("run").get("error").isNull(), error("run"));
    JsonNode d = at("run").get("displays");
    assertTrue(d.size() >= 3, d.toString());
    assertEquals("display_data", d.get(0).get("type").asText(), d.toString());
    String id = d.get(0).get("id").asText();
    for (int i = 1; i < d.size(); i++) {
      assertEquals("update_display_data", d.get(i).get("type").asText(), d.toString());
      assertEquals(id, d.get(i).get("id").asText(), "one display, updated in place");
    }
    // seen while the foreach ran: some splits done, some running, not yet all
    boolean live = false;
    for (JsonNode u : d) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "square: (\\d+)/24 done, (\\d+) running, 0 failed").matcher(u.get("text").asText());
      live |= u.get("text").asText().startsWith("Squares/1 running") && m.find()
          && Integer.parseInt(m.group(1)) < 24 && Integer.parseInt(m.group(2)) > 0;
    }
    assertTrue(live, d.toString());
    String last = d.get(d.size() - 1).get("text").asText();
    assertTrue(last.startsWith("Squares/1 succeeded · "), last);
    assertTrue(last.matches("(?s).*\n  start: 1/1 done, 0 running, 0 failed, [0-9.]+ s\n"
        + "  square: 24/24 done, 0 running, 0 failed, [0-9.]+ s\n"
        + "  join: 1/1 done, 0 running, 0 failed, [0-9.]+ s\n"
        + "  end: 1/1 done, 0 running, 0 failed, [0-9.]+ s\n"
        + "run Squares/1 succeeded; read it with %flow show Squares/1, or"
        + " Flow.named\\(\"Squares\"\\).run\\(1\\) \\(dev.cellflow.client\\)\n"), last);
    String html = d.get(d.size() - 1).get("html").asText();
    assertTrue(html.contains("<tr data-step=\"square\" data-state=\"done\"><td>square</td>")
        && html.contains("24/24"), html);
    // the tasks' lines arrive as the cell's output, whole lines, with their task's prefix
    String stdout = at("run").get("stdout").asText();
    assertTrue(stdout.matches("(?s).*\\[1/square/\\d+ \\(pid \\d+\\)\\] split 24 squared"
        + " 576\n.*"), stdout);
    at("run").get("messages").forEach(m -> assertTrue(m.asText().endsWith("\n"), m.asText()));
  }

  @Test
  void theRunIsReadBackWithTheClientApiAndShown() {
    assertTrue(at("read").get("error").isNull(), error("read"));
    // 1 + 4 + ... + 576; the record declared in a cell comes back as the kernel's own
    assertEquals("succeeded total 4900 far Point[x=24, y=576] in the kernel: false"
        + " square tasks: 24\n", at("read").get("stdout").asText());
    String show = at("show").get("html").asText();
    assertTrue(show.contains("<svg") && show.contains("24 tasks: 24 succeeded"), show);
  }

  @Test
  void helpAndWrongArgumentsAnswerOnOneLine() {
    String help = at("help").get("result").asText();
    assertTrue(help.contains("%flow run Squares") && help.contains("--n=INT")
        && help.contains("how many splits") && help.contains("--max-workers"), help);
    assertTrue(error("noClass").contains("%flow run: no class Nope is declared in this notebook's"
        + " cells; its flow classes: Squares"), error("noClass"));
    assertTrue(error("badOption").contains("%flow run Squares: Unknown options: '--bogus'"),
        error("badOption"));
    assertTrue(error("badValue").contains("many"), error("badValue"));
    assertTrue(error("runReadsVar").contains("class Reads does not compile on its own")
        && error("runReadsVar").contains("not its variables"), error("runReadsVar"));
    assertTrue(error("runNotFlow").contains("class Plain is not a flow"), error("runNotFlow"));
  }

  @Test
  void aFailedOrInterruptedRunSaysSoAndEndsItsTasks() {
    assertTrue(error("runFailing").contains("run Fails/1 failed: task 1/start/1 failed")
        && error("runFailing").contains("no data"), error("runFailing"));
    JsonNode d = at("runFailing").get("displays");
    String last = d.get(d.size() - 1).get("text").asText();
    assertTrue(last.contains("start: 0/1 done, 0 running, 1 failed"), last);
    assertTrue(error("runSlow").contains("%flow run: interrupted; its tasks were ended; run"
        + " Slow/1 killed"), error("runSlow"));
    assertTrue(at("afterSlow").get("result").asText().matches("(?s).*Slow/1/start/1\\s+killed.*"),
        at("afterSlow").toString());
  }
}
