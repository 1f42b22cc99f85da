package dev.cellflow.kernel.display;

import dev.cellflow.kernel.session.CellWatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code %batch} cell's live display: one display, shown as the cell is shipped and updated
 * in place while its task runs, with its state (shipping, submitted, running, succeeded,
 * failed, killed), the seconds since the cell started, the tasks done/running/failed, the
 * backend's notes (an AWS Batch job's states) and the task's last {@value #LAST_LINES} lines; the last update says where the results went,
 * or how it failed. Updates go at most every {@value #GAP_MS} ms, and once a second while
 * nothing else changes (the seconds). The task's lines are also printed as the cell's output,
 * a line per message, as before: the display shows the last of them (a stack trace's frames
 * left out).
 */
public final class CellProgress implements CellWatch {
  /** Lines of the task's output the display shows. */
  static final int LAST_LINES = 5;
  /** The shortest time between two updates. */
  static final long GAP_MS = 250;
  private static final Pattern BATCH_STATE = Pattern.compile("^AWS Batch job ([A-Z]+)\\b");
  /** A stack trace's frames: the display's last lines skip them, the failure names the error. */
  private static final Pattern FRAME =
      Pattern.compile("^\\s+(at \\S+\\(.*\\)|\\.\\.\\. \\d+ more)$");

  private static final ScheduledExecutorService TICKS =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cellflow-progress");
        t.setDaemon(true);
        return t;
      });

  private final LiveDisplays.Target target;
  private final String id = "cellflow-" + UUID.randomUUID();
  private final long started = System.nanoTime();
  private final List<String> notes = new ArrayList<>();
  private final Deque<String> last = new ArrayDeque<>();
  private String pathspec;
  private String on;
  private String runsOn;
  private String state = "shipping";
  private String detail;
  private String end;
  private boolean changed;
  /** Ended, or its stream failed: no more updates. */
  private boolean stopped;
  private long shownSecond = -1;
  private ScheduledFuture<?> ticks;

  /** A display on {@code target}, shown once the cell is being shipped. */
  public CellProgress(LiveDisplays.Target target) {
    this.target = target;
  }

  @Override
  public synchronized void shipping(String pathspec, String on) {
    this.pathspec = pathspec;
    this.on = on;
    shownSecond = seconds();
    ticks = TICKS.scheduleWithFixedDelay(this::tick, GAP_MS, GAP_MS, TimeUnit.MILLISECONDS);
    send(true);
  }

  @Override
  public synchronized void launching() {
    if (state.equals("shipping")) {
      state = "submitted";
      changed = true;
    }
  }

  @Override
  public synchronized void line(boolean stderr, String text) {
    if (state.equals("submitted") || state.equals("shipping")) {
      state = "running";
    }
    if (FRAME.matcher(text).matches()) {
      return;
    }
    last.addLast(text);
    if (last.size() > LAST_LINES) {
      last.removeFirst();
    }
    changed = true;
  }

  @Override
  public synchronized void note(String text) {
    notes.add(text);
    Matcher m = BATCH_STATE.matcher(text);
    if (m.find()) {
      String s = m.group(1);
      detail = "AWS Batch " + s;
      if (s.equals("RUNNING")) {
        state = "running";
      }
    }
    changed = true;
  }

  @Override
  public synchronized void where(String what) {
    runsOn = what;
    if (what.startsWith("pid ")) { // a local process took the task: it runs
      state = "running";
    }
    changed = true;
  }

  /**
   * The last update: {@code state} (succeeded, failed, killed) and {@code how}, where the
   * results went or the failure's line. Nothing when the cell was never shipped (it failed
   * before: a backend that cannot run it).
   */
  public synchronized void ended(String state, String how) {
    if (pathspec == null || stopped) {
      return;
    }
    ticks.cancel(false);
    stopped = true;
    this.state = state;
    this.end = how;
    send(false);
  }

  private synchronized void tick() {
    long second = seconds();
    if (stopped || (!changed && second == shownSecond)) {
      return;
    }
    changed = false;
    shownSecond = second;
    send(false);
  }

  /**
   * Shows or updates the display. A stream that fails (a kernel's library that does not take
   * it after all) stops the updates: the display must not fail the cell or its task.
   */
  private void send(boolean first) {
    try {
      if (first) {
        target.show(id, text(), html());
      } else {
        target.update(id, text(), html());
      }
    } catch (RuntimeException e) {
      ticks.cancel(false);
      stopped = true;
    }
  }

  private long seconds() {
    return (System.nanoTime() - started) / 1_000_000_000L;
  }

  private String elapsed() {
    return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9);
  }

  private String counts() {
    boolean ok = state.equals("succeeded");
    boolean bad = state.equals("failed") || state.equals("killed");
    return "tasks: " + (ok ? 1 : 0) + " done, " + (state.equals("running") ? 1 : 0)
        + " running, " + (bad ? 1 : 0) + " failed";
  }

  private String headline() {
    return pathspec + " on " + on + (runsOn == null ? "" : ", " + runsOn);
  }

  private String status() {
    return state + (end == null && detail != null ? " (" + detail + ")" : "") + " · "
        + elapsed() + " · " + counts();
  }

  /** text/plain: what a front end that shows no HTML shows (and nbconvert's text). */
  String text() {
    StringBuilder b = new StringBuilder(headline()).append('\n').append(status()).append('\n');
    notes.forEach(n -> b.append(n).append('\n'));
    if (!last.isEmpty()) {
      b.append("last lines:\n");
      last.forEach(l -> b.append("  ").append(l).append('\n'));
    }
    if (end != null) {
      b.append(state).append(": ").append(end).append('\n');
    }
    return b.toString();
  }

  String html() {
    String colour = switch (state) {
      case "succeeded" -> "#2e7d32";
      case "failed", "killed" -> "#c62828";
      case "running" -> "#1565c0";
      default -> "#757575";
    };
    StringBuilder b = new StringBuilder("<div class=\"cellflow-progress\" style=\"border-left:4px"
        + " solid " + colour + ";padding:2px 8px;font-family:monospace\">");
    b.append("<div><b>").append(Html.esc(pathspec)).append("</b> on ")
        .append(Html.esc(on + (runsOn == null ? "" : ", " + runsOn))).append("</div>");
    b.append("<div><b style=\"color:").append(colour).append("\">").append(Html.esc(state))
        .append("</b>").append(Html.esc(status().substring(state.length()))).append("</div>");
    for (String n : notes) {
      b.append("<div style=\"color:#616161\">").append(Html.esc(n)).append("</div>");
    }
    if (!last.isEmpty()) {
      b.append("<pre style=\"margin:2px 0;color:#424242\">")
          .append(Html.esc(String.join("\n", last))).append("</pre>");
    }
    if (end != null) {
      b.append("<div style=\"color:").append(colour).append("\">").append(Html.esc(end))
          .append("</div>");
    }
    return b.append("</div>").toString();
  }
}
