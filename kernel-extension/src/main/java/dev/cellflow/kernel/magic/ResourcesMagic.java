package dev.cellflow.kernel.magic;

import dev.cellflow.cells.CellOptions;
import dev.cellflow.cells.MagicException;
import dev.cellflow.decorator.StepResources;
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
        memory  megabytes (default 4000)   cpu  cores (default 1)   gpu  GPUs (default 0)""";

  private final Notebooks notebooks;

  ResourcesMagic(Notebooks notebooks) {
    this.notebooks = notebooks;
  }

  @Override
  public Object eval(BaseKernel kernel, List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      return HELP;
    }
    // read as export reads it: 0 where not given
    notebooks.of(kernel).pendingResources(CellOptions.parseResources(args));
    return null;
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
