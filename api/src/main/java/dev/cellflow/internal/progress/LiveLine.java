package dev.cellflow.internal.progress;

import dev.cellflow.internal.runtime.RunEvent;
import dev.cellflow.internal.runtime.RunListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The live lines on a terminal: one per active step ({@code square: 640/1000 done, 16 running,
 * 0 failed, 4.1 s}), redrawn ten times a second by one daemon thread from the {@link Tally}.
 * The run's thread only counts; it never draws. Stops, and clears the lines, when the run ends.
 */
final class LiveLine implements RunListener, AutoCloseable {
  static final long PERIOD_MS = 100;
  /** Live lines at most; more active steps are summed up in the last. */
  private static final int MAX_ROWS = 8;

  private final Tally tally;
  private final Terminal terminal;
  private final Thread thread;
  private volatile boolean stopped;

  LiveLine(Tally tally, Terminal terminal) {
    this.tally = tally;
    this.terminal = terminal;
    this.thread = new Thread(this::draw, "cellflow-progress");
    thread.setDaemon(true);
  }

  /** Starts drawing once the run has started: nothing is drawn before its first line. */
  @Override
  public void on(RunEvent event) {
    if (event instanceof RunEvent.RunStarted) {
      thread.start();
    } else if (event instanceof RunEvent.StepFinished) {
      synchronized (this) { // its summary line comes next: its live line goes with it
        if (!stopped) {
          terminal.set(lines(tally.active(), System.currentTimeMillis()));
        }
      }
    } else if (event instanceof RunEvent.RunEnded) {
      close();
    }
  }

  private void draw() {
    terminal.readWidth();
    while (!stopped) {
      List<String> lines = lines(tally.active(), System.currentTimeMillis());
      synchronized (this) {
        if (stopped) {
          return;
        }
        terminal.show(lines);
      }
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The live lines for {@code active} steps at {@code now}. */
  static List<String> lines(List<Tally.Counts> active, long now) {
    List<String> out = new ArrayList<>();
    for (Tally.Counts c : active) {
      if (out.size() == MAX_ROWS - 1 && active.size() > MAX_ROWS) {
        out.add("... and " + (active.size() - out.size()) + " more steps");
        break;
      }
      out.add(c.step() + ": " + c.done() + "/" + c.total() + " done, " + c.running()
          + " running, " + c.failed() + " failed, " + Tally.seconds(c.elapsed(now)) + " s");
    }
    return out;
  }

  /** Stops drawing and clears the live lines; the output goes on below what was printed. */
  @Override
  public void close() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      terminal.show(List.of());
    }
    thread.interrupt();
  }
}
