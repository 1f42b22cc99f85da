package dev.cellflow.kernel.magic;

import dev.cellflow.internal.cells.CellOptions;
import dev.cellflow.internal.cells.MagicArgs;
import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.compute.StepResources;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * {@code %resources memory=MB cpu=N gpu=N}: what the cell's step needs. On {@code %batch} it is
 * the task's size; in the kernel it is checked before the cell runs, and a cell that asks for
 * more than the kernel can give fails at once, naming {@code %batch}.
 */
final class ResourcesMagic implements LineMagic<Object, BaseKernel> {
  static final String HELP = """
      %resources [memory=MB] [cpu=N] [gpu=N]
        Sizes the step this cell is. Put it at the top of the cell.
        In the kernel: checked before the cell runs; a cell that needs more memory than the
        kernel's JVM may use, more cores than this machine has, or a GPU fails at once.
        With %batch: the task's size (the larger of both where both are given; a size
        given to neither has its default).
        memory  megabytes (default 4000)   cpu  cores (default 1)   gpu  GPUs (default 0)
        In JJava or IJava: it checks its own cell at once; %%step and %%batch take the same
        options on their first line.""";

  static final String STEP_HELP = """
      %%step [memory=MB] [cpu=N] [gpu=N]
        As the first line of a cell (JJava, IJava): runs the cell in the kernel as the next
        step of the run (needs %flow NAME first); its variables are stored as artifacts.
        The options are %resources' (see %resources --help): the cell fails at once where the
        kernel cannot give them; run it with %%batch [options] to get them elsewhere.""";

  private final Notebooks notebooks;
  private final boolean hostRunsCells;

  /**
   * {@code hostRunsCells}: the kernel hands the cell's code to {@link Notebook#runCell}, which
   * applies the sizes; else (JJava, IJava) the rest of the cell runs without cellflow, so the
   * sizes are checked at once and kept for no later cell.
   */
  ResourcesMagic(Notebooks notebooks, boolean hostRunsCells) {
    this.notebooks = notebooks;
    this.hostRunsCells = hostRunsCells;
  }

  @Override
  public Object eval(BaseKernel kernel, List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      return HELP;
    }
    StepResources r = CellOptions.parseResources(args); // read as export reads it: 0 if not given
    if (hostRunsCells) {
      notebooks.of(kernel).pendingResources(r);
    } else {
      checkLocal(r);
    }
    return null;
  }

  /** {@code %%step [memory=MB cpu=N gpu=N]}: the cell, sized, as the run's next step. */
  Object step(BaseKernel kernel, List<String> args, String body) throws Exception {
    MagicArgs a = MagicArgs.parse("%%step", args, CellOptions.RESOURCES_KEYS);
    if (a.help()) {
      return STEP_HELP;
    }
    a.atMostWords(0, "%%step [memory=MB] [cpu=N] [gpu=N]");
    Notebook nb = notebooks.of(kernel);
    nb.pendingResources(CellOptions.written(a));
    return nb.runCell(body);
  }

  /** {@code %step --help}; a {@code %step} line is a mistake for {@code %%step}. */
  Object stepLine(BaseKernel kernel, List<String> args) {
    if (MagicArgs.parse("%step", args, CellOptions.RESOURCES_KEYS).help()) {
      return STEP_HELP;
    }
    throw new MagicException("%step: write %%step" + (args.isEmpty() ? "" : " "
        + String.join(" ", args)) + " as the cell's first line, with the cell's code below it");
  }

  /** Fails when this kernel cannot give {@code r} to a cell it runs. */
  static void checkLocal(StepResources r) {
    long heapMb = Runtime.getRuntime().maxMemory() >> 20;
    int cores = Runtime.getRuntime().availableProcessors();
    if (r.memory() > heapMb) {
      throw new MagicException("%resources: this cell asks for " + r.memory() + " MB of memory"
          + " but the kernel's JVM may use at most " + heapMb + " MB; run it as a task that"
          + " has it with %batch memory=" + r.memory() + " (or %batch backend=local memory="
          + r.memory() + " on this machine), or lower memory=");
    }
    if (r.cpu() > cores) {
      throw new MagicException("%resources: this cell asks for " + r.cpu() + " cores but this"
          + " machine has " + cores + "; run it with %batch cpu=" + r.cpu() + ", or lower cpu=");
    }
    if (r.gpu() > 0) {
      throw new MagicException("%resources: this cell asks for " + r.gpu() + " GPU(s), which"
          + " cells in the kernel cannot have; run it with %batch gpu=" + r.gpu());
    }
  }
}
