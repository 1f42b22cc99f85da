package dev.cellflow.kernel.magic;

import dev.cellflow.client.Flow;
import dev.cellflow.notebook.CellOutcome;
import dev.cellflow.notebook.NotebookRun;
import dev.cellflow.notebook.RemoteCell;
import dev.cellflow.notebook.Sizes;
import java.util.List;

/** Runs a {@code %batch} cell as a task and tells the user what came back and what did not. */
final class RemoteCells {
  private final Notebook nb;

  RemoteCells(Notebook nb) {
    this.nb = nb;
  }

  Object run(String body, BatchOptions o) throws Exception {
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
    try {
      r = cell.run(body, nb.host().jars(), new RemoteCell.Options(o.backend(), o.resources(),
          o.withs(), o.keep(), o.returnLimitMb() << 20, nb.config().datastore()), System.out,
          System.err);
    } catch (InterruptedException e) {
      String what = e.getMessage() != null && e.getMessage().contains("shipping")
          ? e.getMessage() : "the cell's task in " + run.pathspec() + " was ended";
      throw new MagicException("%batch: interrupted; " + what + ", and no variable here"
          + " changed" + (cell.step() == null ? "" : " (%batch logs " + cell.step().step()
          + " shows what it printed)"));
    } finally {
      if (cell.step() != null) { // failed and interrupted steps too: %batch list, logs
        nb.remoteSteps().add(cell.step().step());
      }
    }
    List<String> bound = cell.bind(r.outcome());
    String where = run.pathspec() + "/" + r.step().pathspec();
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

  /**
   * Prints one formatted message with a single write: a kernel's output stream may send every
   * write as a message of its own (JJava's and IJava's do), and printf writes each piece.
   */
  private static void say(String format, Object... args) {
    System.out.print(String.format(format, args));
  }
}
