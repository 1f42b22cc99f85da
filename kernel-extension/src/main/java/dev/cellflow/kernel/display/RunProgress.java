package dev.cellflow.kernel.display;

import dev.cellflow.RunStatus;
import dev.cellflow.internal.progress.Tally;
import dev.cellflow.internal.runtime.RunEvent;
import dev.cellflow.internal.runtime.RunListener;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A flow run's live display in a notebook ({@code %flow run}): one display, shown when the run
 * starts and updated in place while it runs, with a row per step of the graph (waiting,
 * running, done or failed; tasks done of all there are or will be, running, failed; seconds),
 * the run's state and time; the last update names the run and how to read it. It hears the
 * runtime's events ({@link RunListener}) on the runner's thread and only counts them there
 * ({@link Tally}); a ticker sends the updates, at most every {@value #GAP_MS} ms. Where the
 * kernel cannot update a display, only the last state is printed, as plain lines.
 */
public final class RunProgress implements RunListener {
  /** The shortest time between two updates. */
  static final long GAP_MS = 250;

  private static final ScheduledExecutorService TICKS =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cellflow-run-progress");
        t.setDaemon(true);
        return t;
      });

  private final LiveDisplays.Target target;
  private final PrintStream plain;
  private final List<String> steps;
  private final Tally tally = new Tally();
  private final String id = "cellflow-run-" + UUID.randomUUID();
  private final long started = System.currentTimeMillis();
  private String pathspec;
  private RunStatus ended;
  private String end;
  private volatile boolean changed;
  private boolean shown;
  private boolean stopped;
  private long shownSecond = -1;
  private ScheduledFuture<?> ticks;

  /**
   * A display of a run of a flow whose steps are {@code steps} (in the graph's order), on
   * {@code target}, or printed to {@code plain} where {@code target} is null.
   */
  public RunProgress(LiveDisplays.Target target, List<String> steps, PrintStream plain) {
    this.target = target;
    this.steps = List.copyOf(steps);
    this.plain = plain;
  }

  @Override
  public void on(RunEvent event) {
    tally.on(event);
    if (event instanceof RunEvent.RunStarted s) {
      synchronized (this) {
        pathspec = s.flow() + "/" + s.runId();
        if (target != null && !stopped) {
          ticks = TICKS.scheduleWithFixedDelay(this::tick, 0, GAP_MS, TimeUnit.MILLISECONDS);
        }
      }
    } else if (event instanceof RunEvent.RunEnded e) {
      synchronized (this) {
        ended = e.run().status();
        String status = word();
        String read = "read it with %flow show " + pathspec + ", or Flow.named(\""
            + e.run().flow() + "\").run(" + e.run().runId() + ") (dev.cellflow.client)";
        end = e.failure() == null ? "run " + pathspec + " " + status + "; " + read
            : "run " + pathspec + " " + status + ": " + e.failure() + "; " + read;
      }
    }
    changed = true;
  }

  /** The run's pathspec ({@code Squares/3}), or null before it started. */
  public synchronized String pathspec() {
    return pathspec;
  }

  /** How the run ended; null before its end. */
  public synchronized RunStatus status() {
    return ended;
  }

  /** The state shown: starting, running, then how the run ended. */
  private String word() {
    return ended != null ? ended.toString() : pathspec != null ? RunStatus.RUNNING.toString()
        : "starting";
  }

  /** The last update's line: the run, how it ended and how to read it; null before its end. */
  public synchronized String end() {
    return end;
  }

  /** Sends the last update (once the run has ended, or could not start); no updates after it. */
  public synchronized void finish() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (ticks != null) {
      ticks.cancel(false);
    }
    if (target == null) {
      if (pathspec != null) {
        plain.print(text());
      }
      return;
    }
    if (shown || pathspec != null) {
      send();
    }
  }

  private synchronized void tick() {
    long second = (System.currentTimeMillis() - started) / 1000;
    if (stopped || (!changed && second == shownSecond)) {
      return;
    }
    changed = false;
    shownSecond = second;
    send();
  }

  /** Shows or updates the display; a stream that fails stops the updates, never the run. */
  private void send() {
    try {
      if (!shown) {
        target.show(id, text(), html());
        shown = true;
      } else {
        target.update(id, text(), html());
      }
    } catch (RuntimeException e) {
      stopped = true;
      if (ticks != null) {
        ticks.cancel(false);
      }
    }
  }

  /** One step's state: waiting (no task yet), running, done or failed. */
  private static String state(Tally.Counts c) {
    if (c == null) {
      return "waiting";
    }
    if (c.endMillis() > 0) {
      return c.failed() > 0 ? "failed" : "done";
    }
    return c.running() > 0 ? "running" : "queued";
  }

  /** A step's line, as the command line's live line words it. */
  private String line(String step, Tally.Counts c, long now) {
    if (c == null) {
      return step + ": waiting";
    }
    return step + ": " + c.done() + "/" + c.total() + " done, " + c.running() + " running, "
        + c.failed() + " failed, " + Tally.seconds(c.elapsed(now)) + " s";
  }

  private String headline(long now) {
    return pathspec + " " + word() + " · " + Tally.seconds(now - started) + " s";
  }

  /** text/plain: what a front end that shows no HTML shows (and nbconvert's text). */
  synchronized String text() {
    long now = System.currentTimeMillis();
    StringBuilder b = new StringBuilder(headline(now)).append('\n');
    for (String s : steps) {
      b.append("  ").append(line(s, tally.counts(s), now)).append('\n');
    }
    if (end != null) {
      b.append(end).append('\n');
    }
    return b.toString();
  }

  synchronized String html() {
    long now = System.currentTimeMillis();
    String status = word();
    String colour = colour(status);
    StringBuilder b = new StringBuilder("<div class=\"cellflow-run\" style=\"border-left:4px"
        + " solid " + colour + ";padding:2px 8px;font-family:monospace\">");
    b.append("<div><b>").append(Html.esc(pathspec)).append("</b> <b style=\"color:")
        .append(colour).append("\">").append(Html.esc(status)).append("</b> · ")
        .append(Tally.seconds(now - started)).append(" s</div>");
    b.append("<table class=\"cellflow-steps\"><tr><th>step</th><th>state</th><th>done</th>"
        + "<th>running</th><th>failed</th><th>time</th></tr>");
    for (String s : steps) {
      Tally.Counts c = tally.counts(s);
      String state = state(c);
      b.append("<tr data-step=\"").append(Html.esc(s)).append("\" data-state=\"").append(state)
          .append("\"><td>").append(Html.esc(s)).append("</td><td style=\"color:")
          .append(colour(state)).append("\">").append(state).append("</td>");
      if (c == null) {
        b.append("<td></td><td></td><td></td><td></td>");
      } else {
        int pct = c.total() == 0 ? 0 : (int) (100L * c.done() / c.total());
        b.append("<td>").append(c.done()).append('/').append(c.total())
            .append(" <span style=\"display:inline-block;width:80px;height:8px;background:#e0e0e0\">"
                + "<span style=\"display:block;height:8px;width:").append(pct)
            .append("%;background:").append(colour(state)).append("\"></span></span></td><td>")
            .append(c.running()).append("</td><td>").append(c.failed()).append("</td><td>")
            .append(Tally.seconds(c.elapsed(now))).append(" s</td>");
      }
      b.append("</tr>");
    }
    b.append("</table>");
    if (end != null) {
      b.append("<div style=\"color:").append(colour).append("\">").append(Html.esc(end))
          .append("</div>");
    }
    return b.append("</div>").toString();
  }

  private static String colour(String state) {
    return switch (state) {
      case "succeeded", "done" -> "#2e7d32";
      case "failed", "killed" -> "#c62828";
      case "running" -> "#1565c0";
      default -> "#757575";
    };
  }
}
