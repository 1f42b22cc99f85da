package dev.cellflow.kernel.magic;

import dev.cellflow.internal.cells.CellOptions;
import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.client.Flow;
import dev.cellflow.kernel.display.CellProgress;
import dev.cellflow.kernel.display.LiveDisplays;
import dev.cellflow.internal.notebook.CellOutcome;
import dev.cellflow.kernel.session.NotebookRun;
import dev.cellflow.kernel.session.RemoteCell;
import dev.cellflow.internal.notebook.Sizes;
import java.util.List;

/** Runs a {@code %batch} cell as a task and tells the user what came back and what did not. */
final class RemoteCells {
  private final Notebook nb;

  RemoteCells(Notebook nb) {
    this.nb = nb;
  }

  Object run(String body, CellOptions o) throws Exception {
    NotebookRun run = nb.run();
    if (run == null) {
      throw new MagicException("%batch: a %batch cell is a step of a flow run, and no flow is on;"
          + " start one with %flow NAME in an earlier cell");
    }
    if (body.isBlank()) {
      throw new MagicException("%batch: the cell has no code to run after its magics");
    }
    RemoteCell cell = new RemoteCell(nb.host().session(), run, nb.backends());
    long t0 = System.nanoTime();
    RemoteCell.Result r;
    // one display updated in place where the kernel can (else the plain lines of old)
    LiveDisplays.Target displays = nb.host().displays();
    CellProgress progress = displays == null ? null : new CellProgress(displays);
    try {
      r = cell.run(body, nb.host().jars(), new RemoteCell.Options(o.backend(), o.resources(),
          o.withs(), o.keep(), o.returnLimitMb() << 20, nb.config().datastore()), System.out,
          System.err, progress);
    } catch (InterruptedException e) {
      String what = e.getMessage() != null && e.getMessage().contains("shipping")
          ? e.getMessage() : "the cell's task in " + run.pathspec() + " was ended";
      MagicException m = new MagicException("%batch: interrupted; " + what + ", and no"
          + " variable here changed" + (cell.step() == null ? "" : " (%batch logs "
          + cell.step().step() + " shows what it printed)"));
      ended(progress, "killed", m);
      throw m;
    } catch (Exception e) {
      ended(progress, "failed", e);
      throw e;
    } finally {
      if (cell.step() != null) { // failed and interrupted steps too: %batch list, logs
        nb.remoteSteps().add(cell.step().step());
      }
    }
    List<String> bound;
    try {
      bound = cell.bind(r.outcome());
    } catch (Exception e) { // an output not read back: the display must end too, or it
      ended(progress, "failed", e); // would tick on into the cells after this one
      throw e;
    }
    String where = run.pathspec() + "/" + r.step().pathspec();
    if (progress != null) {
      progress.ended("succeeded", results(where, bound, r.outcome()));
    }
    say("[%s] done on %s in %d ms%s%n", where, o.backend(),
        (System.nanoTime() - t0) / 1_000_000,
        bound.isEmpty() ? "" : "; now variables here: " + String.join(", ", bound));
    for (CellOutcome.Output x : r.outcome().outputs()) {
      if (x.sendBack()) {
        continue;
      }
      String load = x.type() + " " + x.name() + " = " + Flow.class.getName() + ".named(\""
          + run.datastore().flow() + "\").run(" + run.id() + ").step(\"" + r.step().step()
          + "\").task().artifact(\"" + x.name() + "\").value();";
      if (x.problem() != null) {
        // the problem says what to do: the task knows what it could not store, and why
        say("[%s] %s (%s) stayed on the task: it cannot be stored: %s%n", where, x.name(),
            x.type(), x.problem());
      } else if (x.ref() != null) {
        say("[%s] %s (%s, %s) is kept in the store, not loaded here; load it on"
            + " purpose with:%n  %s%n", where, x.name(), x.type(), Sizes.human(x.estimatedBytes()),
            load);
      } else { // not stored: only a run of the cell that keeps it can give a line to load it
        say("[%s] %s (%s, %s) stayed on the task: it is over the %d MB return"
            + " limit (%%batch limit=MB). To keep it in the store, run the cell again with"
            + " %%batch keep=%s; it then prints the line that loads it here%n", where, x.name(),
            x.type(), Sizes.human(x.estimatedBytes()), o.returnLimitMb(), x.name());
      }
    }
    nb.showCards(r.step());
    return null;
  }

  /** Where a succeeded cell's results went, in one line, for its display. */
  private static String results(String where, List<String> bound, CellOutcome made) {
    StringBuilder b = new StringBuilder("artifacts in ").append(where).append("; ")
        .append(bound.isEmpty() ? "no variable came back"
            : "now variables here: " + String.join(", ", bound));
    List<String> kept = new java.util.ArrayList<>();
    List<String> stayed = new java.util.ArrayList<>();
    for (CellOutcome.Output x : made.outputs()) {
      if (!x.sendBack()) {
        (x.ref() != null && x.problem() == null ? kept : stayed).add(x.name());
      }
    }
    if (!kept.isEmpty()) {
      b.append("; kept in the store, not loaded: ").append(String.join(", ", kept));
    }
    if (!stayed.isEmpty()) {
      b.append("; stayed on the task: ").append(String.join(", ", stayed));
    }
    return b.toString();
  }

  /** The display's last update for a cell that failed or was interrupted: the error's line. */
  private static void ended(CellProgress progress, String state, Exception e) {
    if (progress != null) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      progress.ended(state, m.lines().findFirst().orElse(m));
    }
  }

  /**
   * Prints one formatted message with a single write: a kernel's output stream may send every
   * write as a message of its own (JJava's and IJava's do), and printf writes each piece.
   */
  private static void say(String format, Object... args) {
    System.out.print(String.format(format, args));
  }
}
