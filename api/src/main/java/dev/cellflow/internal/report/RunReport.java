package dev.cellflow.internal.report;

import static dev.cellflow.internal.report.Html.esc;

import dev.cellflow.client.Artifact;
import dev.cellflow.client.Run;
import dev.cellflow.client.Step;
import dev.cellflow.internal.graph.FlowGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's report: one HTML file that needs nothing else (styles and pictures inline, no
 * scripts), so that it opens from disk, travels by mail and is archived with the run.
 *
 * <p>Every task's record is read, for the counts and the timeline; a step lists its first
 * {@link #LISTED} tasks in its table and timeline, and shows the artifacts and output of its
 * first {@link #DETAILED} tasks and of its first failed ones: a run of 10,000 tasks gives a
 * file of under 100 KB. Those tasks' cards are shown too, within {@link CardHtml}'s caps.
 */
public final class RunReport {
  /** Tasks per step in its table and timeline. */
  public static final int LISTED = 200;
  /** Tasks per step whose artifacts and output are shown (and as many failed ones). */
  public static final int DETAILED = 10;
  private static final int LOG_LINES = 20;
  private static final long SMALL_VALUE = 1024;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final Run run;
  private final FlowGraph graph;
  private final Map<String, String> where;
  private final List<StepData> steps = new ArrayList<>();

  /**
   * A report of {@code run}, a run of the flow {@code graph}; {@code where} says for each step
   * where it runs and with what ({@code local, cpu 1, memory 4096 MB}).
   */
  public RunReport(Run run, FlowGraph graph, Map<String, String> where) {
    this.run = run;
    this.graph = graph;
    this.where = where;
    for (Step s : run.steps()) {
      steps.add(StepData.read(s));
    }
  }

  /** Writes the report to {@code out}; with {@code step} not null, that step's details only. */
  public void write(Path out, String step) throws IOException {
    Files.writeString(out, html(step), StandardCharsets.UTF_8);
  }

  /** The report as HTML. */
  public String html(String only) {
    StringBuilder b = new StringBuilder(64 * 1024);
    String title = run.pathspec() + " (" + run.status() + ")";
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(esc("cellflow report " + title)).append("</title>\n<style>")
        .append(STYLE).append("</style></head>\n<body>\n");
    b.append("<h1>").append(esc(run.pathspec())).append(" <span class=\"badge\" style=\"background:")
        .append(Html.colour(run.status().toString())).append("\">")
        .append(esc(run.status().toString()))
        .append("</span></h1>\n");
    long end = run.finishedAt() != null ? run.finishedAt().toEpochMilli()
        : Math.max(System.currentTimeMillis(), run.startedAt().toEpochMilli());
    long t0 = run.startedAt().toEpochMilli();
    for (StepData s : steps) {
      end = Math.max(end, s.end());
    }
    b.append("<p class=\"meta\">started ").append(esc(TIME.format(run.startedAt())))
        .append(" by ").append(esc(run.user())).append(", ")
        .append(run.finishedAt() != null ? "took " : "running for ")
        .append(Html.secs(end - t0)).append(", ").append(total()).append(" tasks");
    if (!run.tags().isEmpty()) {
      b.append(", tags ").append(esc(String.join(", ", run.tags())));
    }
    if (run.resumedFrom() != null) {
      b.append(", resumed from run ").append(run.resumedFrom());
    }
    b.append("</p>\n");
    parameters(b);
    b.append("<h2>Graph</h2>\n<div class=\"scroll\">").append(RunGraph.svg(steps, graph.inOrder(),
        where)).append("</div>\n");
    Timeline timeline = new Timeline(t0, end);
    b.append("<h2>Timeline</h2>\n<div class=\"scroll\">").append(timeline.overview(steps))
        .append("</div>\n");
    for (StepData s : steps) {
      if (only == null || s.name().equals(only)) {
        step(b, s, timeline);
      }
    }
    b.append("<p class=\"meta\">Written ").append(esc(TIME.format(Instant.now())))
        .append(" by cellflow's report command.</p>\n</body></html>\n");
    return b.toString();
  }

  private int total() {
    return steps.stream().mapToInt(s -> s.tasks().size()).sum();
  }

  private void parameters(StringBuilder b) {
    b.append("<h2>Parameters</h2>\n");
    if (run.parameters().isEmpty()) {
      b.append("<p>none</p>\n");
      return;
    }
    b.append("<table class=\"params\"><tr><th>name</th><th>value</th></tr>\n");
    run.parameters().forEach((k, v) -> b.append("<tr><td>").append(esc(k)).append("</td><td>")
        .append(esc(v)).append("</td></tr>\n"));
    b.append("</table>\n");
  }

  private void step(StringBuilder b, StepData s, Timeline timeline) {
    List<StepData.Row> rows = s.tasks();
    b.append("<section class=\"step\" id=\"step-").append(esc(s.name()))
        .append("\" data-step=\"").append(esc(s.name())).append("\" data-tasks=\"")
        .append(rows.size()).append("\">\n<h2>Step ").append(esc(s.name()))
        .append(" <span class=\"badge\" style=\"background:").append(Html.colour(s.status()))
        .append("\">").append(esc(s.status())).append("</span></h2>\n<p class=\"meta\">")
        .append(rows.size()).append(rows.size() == 1 ? " task: " : " tasks: ")
        .append(esc(s.summary())).append("; ").append(esc(where.getOrDefault(s.name(), "")));
    if (s.start() > 0) {
      b.append("; ").append(Html.secs(s.end() - s.start())).append(" from first start to last end");
    }
    b.append("</p>\n");
    List<StepData.Row> listed = rows.subList(0, Math.min(LISTED, rows.size()));
    b.append("<details><summary>Tasks (").append(listed.size() == rows.size() ? "all "
        + rows.size() : "first " + listed.size() + " of " + rows.size())
        .append(")</summary>\n<div class=\"scroll\">")
        .append(timeline.tasks(listed, this::host)).append("</div>\n")
        .append("<table class=\"tasks\"><tr><th>task</th><th>index</th><th>status</th>"
            + "<th>attempt</th><th>start</th><th>took</th><th>ran on</th><th>error</th></tr>\n");
    long t0 = run.startedAt().toEpochMilli();
    for (StepData.Row r : listed) {
      b.append("<tr><td>").append(r.task().id()).append("</td><td>")
          .append(r.index() >= 0 ? r.index() : "").append("</td><td>").append(esc(r.status()))
          .append("</td><td>").append(r.attempt()).append("</td><td>")
          .append(r.done() ? "+" + Html.secs(r.start() - t0) : "").append("</td><td>")
          .append(r.done() ? Html.secs(r.end() - r.start()) : "").append("</td><td>")
          .append(esc(host(r))).append("</td><td>").append(esc(r.error())).append("</td></tr>\n");
    }
    b.append("</table>");
    if (listed.size() < rows.size()) {
      b.append("<p class=\"meta\">").append(rows.size() - listed.size())
          .append(" more tasks not listed: see the counts above, or the logs command.</p>");
    }
    b.append("</details>\n");
    List<StepData.Row> detailed = new ArrayList<>(rows.subList(0, Math.min(DETAILED,
        rows.size())));
    rows.stream().filter(r -> r.status().equals("failed") && !detailed.contains(r))
        .limit(DETAILED).forEach(detailed::add);
    CardHtml cards = new CardHtml(); // the step's share of the file
    for (StepData.Row r : detailed) {
      task(b, r, cards);
    }
    if (detailed.size() < rows.size()) {
      b.append("<p class=\"meta\">Artifacts, output and cards shown for ")
          .append(detailed.size())
          .append(" of ").append(rows.size()).append(" tasks.</p>\n");
    }
    b.append("</section>\n");
  }

  private String host(StepData.Row r) {
    String w = where.getOrDefault(r.task().pathspec().split("/")[2], "");
    String backend = w.contains(",") ? w.substring(0, w.indexOf(',')) : w;
    return (backend.isEmpty() ? "" : backend + ", ") + (r.externalId() != null
        ? "job " + r.externalId() : "pid " + r.pid());
  }

  private void task(StringBuilder b, StepData.Row r, CardHtml cards) {
    b.append("<details class=\"task\"><summary>Task ").append(r.task().id())
        .append(r.index() >= 0 ? " [" + r.index() + "]" : "").append(": ")
        .append(esc(r.status())).append(r.done() ? ", " + Html.secs(r.end() - r.start()) : "")
        .append(", attempt ").append(r.attempt()).append("</summary>\n");
    if (!r.done()) {
      b.append("<p>still running</p></details>\n");
      return;
    }
    if (r.error() != null) {
      b.append("<pre class=\"error\">").append(esc(r.error())).append("</pre>\n");
    }
    try {
      Map<String, Artifact> arts = r.task().artifacts();
      b.append("<table class=\"artifacts\"><tr><th>artifact</th><th>type</th><th>size</th>"
          + "<th>value</th></tr>\n");
      for (Artifact a : arts.values()) {
        b.append("<tr><td>").append(esc(a.name())).append("</td><td>").append(esc(a.type()))
            .append("</td><td>").append(Html.bytes(a.size())).append("</td><td>")
            .append(esc(small(a))).append("</td></tr>\n");
      }
      b.append("</table>\n");
    } catch (RuntimeException e) {
      b.append("<p class=\"meta\">no artifacts: ").append(esc(e.getMessage()))
          .append("</p>\n");
    }
    try {
      cards.append(b, r.task().cards());
    } catch (RuntimeException e) {
      b.append("<p class=\"meta\">cards not readable: ").append(esc(e.getMessage()))
          .append("</p>\n");
    }
    log(b, "stdout", r);
    log(b, "stderr", r);
    b.append("</details>\n");
  }

  /** A small value as text; larger ones, and ones this JVM cannot load, say so instead. */
  private static String small(Artifact a) {
    if (a.size() > SMALL_VALUE) {
      return "(" + Html.bytes(a.size()) + ", not shown)";
    }
    try {
      Object v = a.value();
      String s = v == null ? "null" : v.getClass().isArray() ? arrayText(v) : v.toString();
      return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    } catch (RuntimeException | LinkageError e) {
      return "(not readable here: " + e.getClass().getSimpleName() + ")";
    }
  }

  private static String arrayText(Object v) {
    return v instanceof Object[] o ? java.util.Arrays.deepToString(o)
        : v instanceof int[] i ? java.util.Arrays.toString(i)
        : v instanceof long[] l ? java.util.Arrays.toString(l)
        : v instanceof double[] d ? java.util.Arrays.toString(d)
        : v.getClass().getComponentType().getName() + "[" + java.lang.reflect.Array.getLength(v)
            + "]";
  }

  private static void log(StringBuilder b, String stream, StepData.Row r) {
    String text;
    try {
      text = stream.equals("stdout") ? r.task().stdout() : r.task().stderr();
    } catch (RuntimeException e) {
      text = "(unreadable: " + e.getMessage() + ")";
    }
    if (text.isEmpty()) {
      return;
    }
    String[] lines = text.split("\n", -1);
    int n = lines.length - (text.endsWith("\n") ? 1 : 0);
    int from = Math.max(0, n - LOG_LINES);
    b.append("<p class=\"meta\">").append(stream).append(from > 0 ? ", last " + LOG_LINES
        + " of " + n + " lines" : "").append("</p><pre class=\"").append(stream).append("\">");
    for (int i = from; i < n; i++) {
      b.append(esc(lines[i])).append('\n');
    }
    b.append("</pre>\n");
  }

  private static final String STYLE = """
      body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#202124}
      h1{font-size:22px}h2{font-size:17px;margin-top:28px}
      .badge{color:#fff;border-radius:4px;padding:1px 7px;font-size:13px;vertical-align:middle}
      .meta{color:#5f6368}.scroll{overflow-x:auto}.error{color:#d0453b}
      table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #dadce0;padding:2px 8px;
      text-align:left;font-size:13px}th{background:#f1f3f4}
      pre{background:#f8f9fa;border:1px solid #dadce0;padding:6px;overflow-x:auto;font-size:12px}
      details{margin:4px 0}summary{cursor:pointer}
      .card{margin:6px 0}.card img{max-width:100%}caption{text-align:left;font-weight:bold}
      section.step{border-top:1px solid #dadce0;margin-top:18px}
      svg text{font:12px monospace;fill:#202124}svg text.name{font-weight:bold}
      svg text.edge,svg text.tick{fill:#5f6368;font-size:11px}
      """;
}
