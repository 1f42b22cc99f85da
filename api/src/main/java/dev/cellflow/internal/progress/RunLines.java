package dev.cellflow.internal.progress;

import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.runtime.RunEvent;
import dev.cellflow.internal.runtime.RunListener;
import dev.cellflow.internal.runtime.RunSeconds;
import java.io.PrintStream;

/**
 * The lines a run prints about itself: that it starts, each retry and caught failure, a summary
 * of each finished foreach step, and how it ended. Quiet, only the failures and the last line.
 * Printed to the streams as they are when the line is printed ({@code System.out}/{@code err}
 * unless given), so that a terminal's live line is kept below them.
 */
final class RunLines implements RunListener {
  private final Tally tally;
  private final boolean quiet;
  private final PrintStream out;
  private final PrintStream err;

  /** Lines with figures from {@code tally}; null streams mean System's, as they are then. */
  RunLines(Tally tally, boolean quiet, PrintStream out, PrintStream err) {
    this.tally = tally;
    this.quiet = quiet;
    this.out = out;
    this.err = err;
  }

  private PrintStream out() {
    return out != null ? out : System.out;
  }

  private PrintStream err() {
    return err != null ? err : System.err;
  }

  @Override
  public void on(RunEvent event) {
    if (event instanceof RunEvent.RunStarted s && !quiet) {
      out().println("Run " + s.flow() + "/" + s.runId() + " starting"
          + (s.origin() != null ? " (resuming run " + s.origin() + ")" : "") + " (datastore "
          + s.datastoreRoot() + ")");
    } else if (event instanceof RunEvent.RetryScheduled r) {
      err().println("Task " + r.next().pathspec() + " attempt " + (r.next().attempt() - 1)
          + " failed: " + r.error() + "; retrying in " + r.delaySeconds() + " s (attempt "
          + (r.next().attempt() + 1) + " of " + r.attempts() + ")");
    } else if (event instanceof RunEvent.CatchApplied c) {
      err().println("Task " + c.spec().pathspec() + " failed and was caught (@Catch): "
          + c.error());
    } else if (event instanceof RunEvent.StepFinished f && !quiet) {
      Tally.Counts c = tally.counts(f.step());
      if (c != null && c.foreach()) {
        out().println(summary(c));
      }
    } else if (event instanceof RunEvent.RunEnded e) {
      RunMeta run = e.run();
      String secs = RunSeconds.of(run.finishedAt() - run.startedAt());
      if (e.failure() == null) {
        out().println("Run " + run.flow() + "/" + run.runId() + " succeeded in " + secs + " s");
      } else {
        err().println("Run " + run.flow() + "/" + run.runId() + " failed in " + secs + " s: "
            + e.failure());
      }
    }
  }

  /** {@code square: 1000 tasks done in 4.1 s (0 failed, 2 retried)}. */
  static String summary(Tally.Counts c) {
    return c.step() + ": " + c.done() + (c.done() == 1 ? " task" : " tasks") + " done in "
        + Tally.seconds(c.elapsed(c.endMillis())) + " s (" + c.failed() + " failed, "
        + c.retried() + " retried" + (c.caught() > 0 ? ", " + c.caught() + " caught" : "") + ")";
  }
}
