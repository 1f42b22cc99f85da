package dev.cellflow.kernel.display;

import dev.cellflow.client.Artifact;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.client.Step;
import dev.cellflow.client.Task;
import dev.cellflow.internal.notebook.Sizes;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Runs, steps and artifacts as tables: HTML for the notebook, aligned text for everything else
 * (the same rows in both).
 */
public final class Html {
  private Html() {}

  /** A flow's runs, newest first. */
  public static DisplayData runs(Flow flow) {
    List<List<String>> rows = new ArrayList<>();
    for (Run r : flow.runs()) {
      rows.add(List.of(r.pathspec(), r.status().toString(), r.user(), String.valueOf(r.startedAt()),
          r.resumedFrom() == null ? "" : flow.name() + "/" + r.resumedFrom()));
    }
    return table("runs of " + flow.name(), List.of("run", "status", "user", "started",
        "resumed from"), rows);
  }

  /** A run's steps, each with its task's status and artifacts. */
  public static DisplayData run(Run run) {
    return steps(run.pathspec() + " (" + run.status() + ")", run.steps());
  }

  /** Steps, each with its task's status and artifacts. */
  public static DisplayData steps(String title, List<Step> steps) {
    List<List<String>> rows = new ArrayList<>();
    for (Step s : steps) {
      for (Task t : s.tasks()) {
        String arts = t.successful() ? String.join(", ", t.artifacts().keySet()) : "";
        rows.add(List.of(t.pathspec(), t.status().toString(), arts,
            t.error() == null ? "" : t.error()));
      }
    }
    return table(title, List.of("task", "status", "artifacts", "error"), rows);
  }

  /** A step's artifacts with their types and stored sizes. */
  public static DisplayData step(Step step) {
    List<List<String>> rows = new ArrayList<>();
    Task t = step.task();
    if (t.successful()) {
      for (Artifact a : t.artifacts().values()) {
        rows.add(List.of(a.name(), a.type(), Sizes.human(a.size())));
      }
    }
    return table(t.pathspec() + " (" + t.status() + ")", List.of("artifact", "type", "stored"),
        rows);
  }

  /** A titled table as text and HTML. */
  public static DisplayData table(String title, List<String> head, List<List<String>> rows) {
    int[] w = new int[head.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = head.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder(title).append('\n');
    StringBuilder html = new StringBuilder("<div><b>").append(esc(title))
        .append("</b><table><thead><tr>");
    line(text, head, w);
    head.forEach(h -> html.append("<th style=\"text-align:left\">").append(esc(h)).append("</th>"));
    html.append("</tr></thead><tbody>");
    for (List<String> r : rows) {
      line(text, r, w);
      html.append("<tr>");
      r.forEach(c -> html.append("<td style=\"text-align:left\">").append(esc(c)).append("</td>"));
      html.append("</tr>");
    }
    html.append("</tbody></table></div>");
    DisplayData d = new DisplayData(text.toString().stripTrailing());
    d.putHTML(html.toString());
    return d;
  }

  private static void line(StringBuilder b, List<String> cells, int[] w) {
    for (int i = 0; i < cells.size(); i++) {
      b.append(String.format("%-" + (w[i] + 2) + "s", cells.get(i)));
    }
    b.setLength(b.length() - 2);
    b.append('\n');
  }

  /** {@code s} safe inside HTML. */
  public static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
