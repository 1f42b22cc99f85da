package dev.cellflow.kernel.magic;

import java.util.function.Function;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** Puts the magics into a kernel's registry. */
public final class CellflowMagics {
  private CellflowMagics() {}

  /**
   * Registers {@code %flow}, {@code %resources}, {@code %batch} and {@code %%batch}, and, for
   * kernels that do not hand cells to the notebook ({@code hostRunsCells} false), {@code
   * %%step}: a cell recorded as a step of the run.
   */
  public static Notebooks install(MagicsRegistry registry, Function<BaseKernel, Host> hosts,
      boolean hostRunsCells) {
    Notebooks nbs = new Notebooks(hosts);
    registry.registerLineMagic("flow", new FlowMagic(nbs));
    registry.registerLineMagic("resources", new ResourcesMagic(nbs));
    BatchMagic batch = new BatchMagic(nbs, hostRunsCells);
    registry.registerLineMagic("batch", batch);
    registry.registerCellMagic("batch", batch);
    if (!hostRunsCells) {
      CellMagic<Object, BaseKernel> step = (kernel, args, body) -> nbs.of(kernel).runCell(body);
      registry.registerCellMagic("step", step);
    }
    return nbs;
  }
}
