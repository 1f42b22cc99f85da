package dev.cellflow.kernel.magic;

import dev.cellflow.internal.cells.CellOptions;
import dev.cellflow.internal.cells.MagicArgs;
import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Step;
import dev.cellflow.client.Task;
import dev.cellflow.kernel.display.Html;
import dev.cellflow.kernel.session.NotebookRun;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * {@code %batch [options]} at the top of a cell runs the cell out of the kernel as a task;
 * {@code %batch list | logs [STEP] | kill [STEP]} look after those tasks. {@code %%batch} is the
 * same as a cell magic, for kernels (JJava, IJava) whose line magics cannot take the cell.
 */
final class BatchMagic implements LineMagic<Object, BaseKernel>, CellMagic<Object, BaseKernel> {
  static final String HELP = """
      %batch [cpu=N] [memory=MB] [gpu=N] [queue=Q] [image=I] [backend=batch|local]
             [keep=NAME,...] [limit=MB] [KEY=VALUE ...]
        At the top of a cell: runs the cell as a task of the run (a step), on AWS Batch by
        default (the cellflow batch module must be on the kernel's class path), or with
        backend=local in a local JVM process. The cell's code, the declarations it uses
        (imports, methods, classes, records of earlier cells), the values of the variables it
        reads and the jars added with %jars go with it; the variables it declares or assigns
        come back as variables here, except those over the return limit, which stay on the
        task (keep=NAME stores one so you can load it on purpose). Needs %flow NAME first.
        Interrupting the kernel ends the task. Every other @Batch element is a KEY too, by
        its Java name (iamRole, sharedMemory, inferentia, efa, hostVolumes, efsVolumes,
        useTmpfs, tmpfsSize, logDriver, logOptions, privileged, ...; lists as a;b or a,b):
        the same vocabulary as @Batch and --with batch (see docs/batch.md).
      %batch list                the run's remote steps and how they ended
      %batch logs [STEP]         a remote step's output (default: the latest)
      %batch kill [STEP]         ends a remote step's task if it still runs
      In JJava or IJava write %%batch [options] as the first line instead.""";

  private final Notebooks notebooks;
  private final boolean hostRunsCells;

  /** {@code hostRunsCells}: the kernel hands the cell's code to {@link Notebook#runCell}. */
  BatchMagic(Notebooks notebooks, boolean hostRunsCells) {
    this.notebooks = notebooks;
    this.hostRunsCells = hostRunsCells;
  }

  @Override
  public Object eval(BaseKernel kernel, List<String> args) throws Exception {
    MagicArgs a = MagicArgs.parse("%batch", args, CellOptions.KEYS);
    if (a.help()) {
      return HELP;
    }
    Notebook nb = notebooks.of(kernel);
    if (!a.words().isEmpty()) {
      CellOptions.checkCommand(a); // as export reads it
      return command(nb, a);
    }
    CellOptions o = CellOptions.of(a, limitMb(nb));
    if (!hostRunsCells) {
      throw new MagicException("%batch: in this kernel a line magic cannot take the cell's code;"
          + " write %%batch " + String.join(" ", args) + " as the cell's first line");
    }
    nb.pendingBatch(o);
    return null;
  }

  @Override
  public Object eval(BaseKernel kernel, List<String> args, String body) throws Exception {
    MagicArgs a = MagicArgs.parse("%%batch", args, CellOptions.KEYS);
    if (a.help()) {
      return HELP;
    }
    a.atMostWords(0, "%%batch [options]");
    Notebook nb = notebooks.of(kernel);
    nb.pendingBatch(CellOptions.of(a, limitMb(nb)));
    return nb.runCell(body);
  }

  private static long limitMb(Notebook nb) {
    String v = nb.config().get("cellReturnLimitMb", "64");
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new MagicException("%batch: CELLFLOW_CELL_RETURN_LIMIT_MB (cellReturnLimitMb) must be"
          + " a whole number of megabytes, not '" + v + "'");
    }
  }

  private static Object command(Notebook nb, MagicArgs a) {
    String cmd = a.words().get(0);
    NotebookRun run = nb.run();
    if (run == null) {
      throw new MagicException("%batch " + cmd + ": no flow is on; start one with %flow NAME");
    }
    List<Step> remote = new ArrayList<>();
    var ds = run.datastore();
    for (Step s : Flow.in(ds.storage(), ds.flow()).run(run.id()).steps()) {
      if (nb.remoteSteps().contains(s.name())) {
        remote.add(s);
      }
    }
    switch (cmd) {
      case "list" -> {
        a.atMostWords(1, "%batch list");
        return Html.steps(run.pathspec(), remote);
      }
      case "logs", "kill" -> {
        a.atMostWords(2, "%batch " + cmd + " [STEP]");
        Step s = pick(remote, a.words().size() > 1 ? a.words().get(1) : null, cmd);
        Task t = s.task();
        if (cmd.equals("logs")) {
          String ended = t.successful() ? "" : "[" + t.pathspec() + " " + t.status()
              + (t.externalId() == null ? "" : ", job " + t.externalId())
              + (t.error() == null ? "" : ": " + t.error()) + "]\n";
          return ended + t.stdout() + (t.stderr().isEmpty() ? "" : "\n[stderr]\n"
              + t.stderr());
        }
        return "task " + t.pathspec() + " is not running (" + t.status() + "): a remote cell's"
            + " task ends with its cell, and interrupting the cell ends it";
      }
      default -> throw new MagicException("%batch: unknown command '" + cmd + "'; it takes"
          + " list, logs [STEP], kill [STEP], or options (see %batch --help)");
    }
  }

  private static Step pick(List<Step> remote, String name, String cmd) {
    if (remote.isEmpty()) {
      throw new MagicException("%batch " + cmd + ": this run has no remote steps yet");
    }
    if (name == null) {
      return remote.get(remote.size() - 1);
    }
    return remote.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new MagicException("%batch " + cmd + ": no remote step '" + name
            + "' in this run; its remote steps are "
            + remote.stream().map(Step::name).toList()));
  }
}
