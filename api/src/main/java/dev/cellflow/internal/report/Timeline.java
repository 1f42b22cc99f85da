package dev.cellflow.internal.report;

import static dev.cellflow.internal.report.Html.esc;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The run's timeline as SVG: a lane per step with how many of its tasks ran at each moment
 * (every task counts, however many), and per step a bar per listed task.
 */
final class Timeline {
  private static final int GUTTER = 150;
  private static final int WIDTH = 760;
  private static final int LANE = 26;
  private static final int BUCKETS = 150;

  private final long t0;
  private final long span;

  /** A timeline from {@code t0} to {@code t1}, epoch milliseconds. */
  Timeline(long t0, long t1) {
    this.t0 = t0;
    this.span = Math.max(1, t1 - t0);
  }

  private double x(long t) {
    return GUTTER + (double) Math.max(0, t - t0) * WIDTH / span;
  }

  /** A lane per step: its span, and the number of its tasks running over time. */
  String overview(List<StepData> steps) {
    int h = steps.size() * LANE + 24;
    StringBuilder svg = open(h, "overview");
    for (int i = 0; i < steps.size(); i++) {
      StepData s = steps.get(i);
      int y = i * LANE;
      svg.append(text(4, y + 17, s.name(), "lane"));
      if (s.start() == 0) {
        continue;
      }
      int[] running = new int[BUCKETS];
      int peak = 1;
      for (StepData.Row r : s.tasks()) {
        if (!r.done()) {
          continue;
        }
        int from = bucket(r.start());
        int to = Math.max(from, bucket(r.end()));
        for (int b = from; b <= to; b++) {
          peak = Math.max(peak, ++running[b]);
        }
      }
      svg.append(rect(x(s.start()), y + 3, Math.max(2, x(s.end()) - x(s.start())), LANE - 6,
          "#e8eaed", s.name() + ": " + s.tasks().size() + " tasks, "
              + Html.secs(s.end() - s.start()) + ", at most " + peak + " at once"));
      StringBuilder path = new StringBuilder();
      double bw = (double) WIDTH / BUCKETS;
      for (int b = 0; b < BUCKETS; b++) {
        if (running[b] > 0) {
          double bh = (LANE - 8) * (double) running[b] / peak;
          path.append(String.format(Locale.ROOT, "M%.1f,%.1fh%.1fv%.1fh%.1fz",
              GUTTER + b * bw, y + LANE - 4.0, bw, -bh, -bw));
        }
      }
      svg.append("<path d=\"").append(path).append("\" fill=\"")
          .append(Html.colour(s.status())).append("\"/>\n");
    }
    return axis(svg, steps.size() * LANE).append("</svg>\n").toString();
  }

  /** A bar per task of {@code rows}, its tooltip saying what ran it where and when. */
  String tasks(List<StepData.Row> rows, Function<StepData.Row, String> where) {
    int row = 9;
    StringBuilder svg = open(rows.size() * row + 24, "tasks");
    for (int i = 0; i < rows.size(); i++) {
      StepData.Row r = rows.get(i);
      if (!r.done()) {
        continue;
      }
      svg.append(rect(x(r.start()), i * row + 1, Math.max(1.5, x(r.end()) - x(r.start())),
          row - 2, Html.colour(r.status()), "task " + r.task().id()
              + (r.index() >= 0 ? " [" + r.index() + "]" : "") + ", attempt " + r.attempt()
              + ", " + r.status() + ", " + Html.secs(r.start() - t0) + " to "
              + Html.secs(r.end() - t0) + ", " + where.apply(r)));
    }
    return axis(svg, rows.size() * row).append("</svg>\n").toString();
  }

  private int bucket(long t) {
    return (int) Math.min(BUCKETS - 1, Math.max(0, (t - t0) * BUCKETS / span));
  }

  private StringBuilder open(int h, String cls) {
    return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
        + " class=\"timeline %s\" width=\"%d\" height=\"%d\">%n", cls, GUTTER + WIDTH + 20, h));
  }

  private StringBuilder axis(StringBuilder svg, int y) {
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"#999\"/>%n", GUTTER, y + 2, GUTTER + WIDTH, y + 2));
    for (int i = 0; i <= 4; i++) {
      svg.append(text(GUTTER + WIDTH * i / 4.0 - (i == 4 ? 30 : 0), y + 16,
          Html.secs(span * i / 4), "tick"));
    }
    return svg;
  }

  private static String rect(double x, double y, double w, double h, String fill, String tip) {
    return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
        + " fill=\"%s\"><title>%s</title></rect>%n", x, y, w, h, fill, esc(tip));
  }

  private static String text(double x, double y, String s, String cls) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\">%s</text>%n",
        x, y, cls, esc(s));
  }
}
