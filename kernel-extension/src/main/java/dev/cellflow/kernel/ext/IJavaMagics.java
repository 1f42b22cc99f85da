package dev.cellflow.kernel.ext;

import dev.cellflow.kernel.magic.CellflowMagics;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.lang.reflect.Method;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * Installs the magics into IJava 1.3.0, which has no extension loader. After {@code %jars
 * cellflow-kernel.jar}, one line in a cell: {@code dev.cellflow.kernel.ext.IJavaMagics.install();}
 */
public final class IJavaMagics {
  private IJavaMagics() {}

  /** Registers the magics in the running IJava kernel's registry; returns what it did. */
  public static String install() throws Exception {
    Object kernel = Class.forName("io.github.spencerpark.ijava.IJava")
        .getMethod("getKernelInstance").invoke(null);
    Method getMagics = ReflectiveHost.find(kernel.getClass(), "getMagics");
    if (getMagics == null) {
      throw new IllegalStateException("this IJava kernel has no magics registry (getMagics)");
    }
    Magics target = (Magics) getMagics.invoke(kernel);
    ReflectiveHost host = new ReflectiveHost(kernel);
    MagicsRegistry ours = new MagicsRegistry();
    dev.cellflow.kernel.magic.Notebooks nbs = CellflowMagics.install(ours, k -> host, false);
    host.importDefaults();
    // each call is noted for %flow export, as in JJava (a failed %%step that took a step's
    // name keeps its place there)
    java.util.function.IntSupplier steps = () -> nbs.of(null).stepsNamed();
    // IJava 1.3.0 turns a magic into a statement (`lineMagic(...);{};`), which drops its value:
    // the magics' answers (%flow NAME's "run ... started", tables, help) are displayed instead
    var ijava = (io.github.spencerpark.jupyter.kernel.BaseKernel) kernel;
    for (String name : ours.getLineMagicNames()) {
      target.registerLineMagic(name, args -> host.magic(() -> displayed(ijava,
          ours.evalLineMagic((BaseKernel) null, name, args)), steps));
    }
    for (String name : ours.getCellMagicNames()) {
      target.registerCellMagic(name, (args, body) -> host.magic(() -> displayed(ijava,
          ours.evalCellMagic((BaseKernel) null, name, args, body)), steps));
    }
    return "cellflow magics installed: %" + String.join(", %", ours.getLineMagicNames())
        + ", %%" + String.join(", %%", ours.getCellMagicNames());
  }

  private static Object displayed(io.github.spencerpark.jupyter.kernel.BaseKernel k, Object v) {
    Object out = shown(v);
    if (out != null) {
      k.display(out instanceof io.github.spencerpark.jupyter.kernel.display.DisplayData d ? d
          : new io.github.spencerpark.jupyter.kernel.display.DisplayData(String.valueOf(out)));
    }
    return out;
  }

  /** JJava's display data as IJava's (text and HTML), other values as they are. */
  private static Object shown(Object v) {
    if (v instanceof DisplayData d) {
      var out = new io.github.spencerpark.jupyter.kernel.display.DisplayData(
          String.valueOf(d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)));
      Object html = d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML);
      if (html != null) {
        out.putHTML(html.toString());
      }
      return out;
    }
    return v;
  }

}
