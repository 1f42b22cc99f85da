package dev.cellflow.internal.progress;

import dev.cellflow.internal.runtime.RunEvent;
import dev.cellflow.internal.runtime.RunListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's tasks counted per step from its events: the figures the live line, the foreach
 * summaries and a notebook's run display ({@code %flow run}) show. Fed on the runner's thread, read by the live line's thread: each method
 * holds the lock only to count or copy.
 */
public final class Tally implements RunListener {
  /**
   * One step's figures. {@code failed} counts the attempts that failed and were not retried
   * (caught ones too); {@code expected} the splits foreach tasks made of it.
   */
  public record Counts(String step, int tasks, int expected, int done, int running, int failed,
      int retried, int caught, boolean foreach, long firstMillis, long endMillis) {
    /** The tasks there are or will be. */
    public int total() {
      return Math.max(tasks, expected);
    }

    /** Milliseconds from its first task queued to its end, or to {@code now} if not ended. */
    public long elapsed(long now) {
      return (endMillis > 0 ? endMillis : now) - firstMillis;
    }
  }

  private static final class Step {
    final long firstMillis = System.currentTimeMillis();
    int tasks;
    int expected;
    int done;
    int running;
    int failedAttempts;
    int retried;
    int caught;
    boolean foreach;
    long endMillis;
  }

  private final Map<String, Step> steps = new LinkedHashMap<>();

  @Override
  public synchronized void on(RunEvent event) {
    if (event instanceof RunEvent.TaskQueued q) {
      step(q.spec().step()).tasks++;
    } else if (event instanceof RunEvent.TaskStarted s) {
      step(s.spec().step()).running++;
    } else if (event instanceof RunEvent.TaskEnded e) {
      Step s = step(e.spec().step());
      s.running--;
      if (e.status() == RunEvent.Ended.SUCCEEDED || e.status() == RunEvent.Ended.REUSED) {
        s.done++;
      } else if (e.status() == RunEvent.Ended.FAILED) {
        s.failedAttempts++;
      }
    } else if (event instanceof RunEvent.RetryScheduled r) {
      step(r.next().step()).retried++;
    } else if (event instanceof RunEvent.CatchApplied c) {
      Step s = step(c.spec().step());
      s.caught++;
      s.done++;
    } else if (event instanceof RunEvent.ForeachFanned f) {
      Step s = step(f.to());
      s.foreach = true;
      s.expected += f.splits();
    } else if (event instanceof RunEvent.StepFinished f) {
      step(f.step()).endMillis = System.currentTimeMillis();
    }
  }

  private Step step(String name) {
    return steps.computeIfAbsent(name, n -> new Step());
  }

  /** The figures of {@code step}, or null if it has had no task. */
  public synchronized Counts counts(String step) {
    Step s = steps.get(step);
    return s == null ? null : counts(step, s);
  }

  /** The figures of every step that has tasks and is not finished, in the order they came. */
  synchronized List<Counts> active() {
    List<Counts> out = new ArrayList<>();
    steps.forEach((name, s) -> {
      if (s.endMillis == 0 && s.tasks > 0) {
        out.add(counts(name, s));
      }
    });
    return out;
  }

  private static Counts counts(String name, Step s) {
    return new Counts(name, s.tasks, s.expected, s.done, s.running,
        s.failedAttempts - s.retried, s.retried, s.caught, s.foreach, s.firstMillis,
        s.endMillis);
  }

  /** {@code ms} as seconds with one decimal ({@code 4.1}), without a formatter. */
  public static String seconds(long ms) {
    long tenths = Math.max(0, Math.round(ms / 100.0));
    return (tenths / 10) + "." + (tenths % 10);
  }
}
