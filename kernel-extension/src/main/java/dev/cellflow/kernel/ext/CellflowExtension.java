package dev.cellflow.kernel.ext;

import dev.cellflow.kernel.Display;
import dev.cellflow.kernel.magic.CellflowMagics;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * The JJava extension: JJava installs it when this jar joins its class path ({@code %jars},
 * {@code %maven}, {@code JJAVA_CLASSPATH}), and it registers {@code %flow}, {@code %resources},
 * {@code %batch}, {@code %%batch} and {@code %%step}, the renderers of runs, flows and steps
 * (their graphs and tables), and imports what every cellflow notebook starts with (as
 * cellflow's kernel does), so that notebooks run unchanged. cellflow's own kernel has them
 * built in and skips it.
 */
public final class CellflowExtension implements Extension {
  /** The one line a JJava too old for cellflow gets, instead of the magics. */
  static final String TOO_OLD = "cellflow: this JJava is older than 1.0-a7 (it hides magics'"
      + " results and writes java.class.path with newlines); cellflow's magics are not"
      + " installed: use JJava 1.0-a7 or newer";

  @Override
  public void install(BaseKernel kernel) {
    if (kernel.getClass().getName().equals("dev.cellflow.kernel.CellflowKernel")) {
      return;
    }
    if (kernel.getClass().getName().startsWith("org.dflib.jjava.")
        && ReflectiveHost.find(kernel.getClass(), "evalBuilder", String.class) == null) {
      System.err.println(TOO_OLD); // JJava 1.0-a6: evalRaw only
      return;
    }
    installInto(kernel);
    dev.cellflow.kernel.magic.WarmUp.start(() -> new ReflectiveHost(kernel));
  }

  /**
   * The magics and imports, into any kernel. The tests call it (by reflection, from a cell) in
   * cellflow's own kernel, which then stands in for JJava: its cells reach the magics only as
   * JJava's do.
   */
  static void installInto(BaseKernel kernel) {
    ReflectiveHost host = new ReflectiveHost(kernel);
    MagicsRegistry ours = new MagicsRegistry();
    dev.cellflow.kernel.magic.Notebooks nbs = CellflowMagics.install(ours, k -> host, false);
    // each call is noted for %flow export: a kernel that runs a magic without JShell (as
    // cellflow's own does) leaves no snippet of the cell otherwise
    MagicsRegistry target = kernel.getMagicsRegistry();
    for (String name : ours.getLineMagicNames()) {
      LineMagic<Object, BaseKernel> m = (k, args) -> host.magic(() -> ours.evalLineMagic(k,
          name, args), () -> nbs.of(k).stepsNamed());
      target.registerLineMagic(name, m);
    }
    for (String name : ours.getCellMagicNames()) {
      CellMagic<Object, BaseKernel> m = (k, args, body) -> host.magic(() -> ours.evalCellMagic(
          k, name, args, body), () -> nbs.of(k).stepsNamed());
      target.registerCellMagic(name, m);
    }
    try {
      Display.registerAll(kernel.getRenderer()); // a Run as a cell's value: its graph, tasks
    } catch (LinkageError e) {
      // a JJava whose renderer API differs: values show as text (toString)
    }
    host.importDefaults();
  }
}
