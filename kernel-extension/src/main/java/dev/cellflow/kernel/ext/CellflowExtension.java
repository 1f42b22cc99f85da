package dev.cellflow.kernel.ext;

import dev.cellflow.kernel.magic.CellflowMagics;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * The JJava extension: JJava installs it when this jar joins its class path ({@code %jars},
 * {@code %maven}, {@code JJAVA_CLASSPATH}), and it registers {@code %flow}, {@code %resources},
 * {@code %batch}, {@code %%batch} and {@code %%step}. cellflow's own kernel has them built in
 * and skips it.
 */
public final class CellflowExtension implements Extension {
  @Override
  public void install(BaseKernel kernel) {
    if (kernel.getClass().getName().equals("dev.cellflow.kernel.CellflowKernel")) {
      return;
    }
    CellflowMagics.install(kernel.getMagicsRegistry(), ReflectiveHost::new, false);
    dev.cellflow.kernel.magic.WarmUp.start(() -> new ReflectiveHost(kernel));
  }
}
