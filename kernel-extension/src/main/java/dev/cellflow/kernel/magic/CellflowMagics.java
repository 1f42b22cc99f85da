package dev.cellflow.kernel.magic;

import java.util.function.Function;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** Puts the magics into a kernel's registry. */
public final class CellflowMagics {
  private CellflowMagics() {}

  /**
   * Registers {@code %flow}, {@code %resources}, {@code %batch} and {@code %%batch}, and, for
   * kernels that do not hand cells to the notebook ({@code hostRunsCells} false), {@code
   * %%step [memory=MB cpu=N gpu=N]}: a cell recorded as a step of the run (and {@code %step
   * --help}, as a cell magic needs a body there).
   */
  public static Notebooks install(MagicsRegistry registry, Function<BaseKernel, Host> hosts,
      boolean hostRunsCells) {
    Notebooks nbs = new Notebooks(hosts);
    registry.registerLineMagic("flow", new FlowMagic(nbs, hostRunsCells));
    ResourcesMagic resources = new ResourcesMagic(nbs, hostRunsCells);
    registry.registerLineMagic("resources", resources);
    BatchMagic batch = new BatchMagic(nbs, hostRunsCells);
    registry.registerLineMagic("batch", batch);
    registry.registerCellMagic("batch", batch);
    if (!hostRunsCells) {
      registry.registerCellMagic("step", resources::step);
      registry.registerLineMagic("step", resources::stepLine);
    }
    return nbs;
  }
}
