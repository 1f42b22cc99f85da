package dev.cellflow.kernel.magic;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/** The notebook state of each kernel the magics are installed in (one, in practice). */
public final class Notebooks {
  private final Map<BaseKernel, Notebook> byKernel = new WeakHashMap<>();
  private final Function<BaseKernel, Host> hosts;

  /** Notebooks whose hosts {@code hosts} makes from a kernel. */
  public Notebooks(Function<BaseKernel, Host> hosts) {
    this.hosts = hosts;
  }

  /** The notebook of {@code kernel}, made on first use. */
  public synchronized Notebook of(BaseKernel kernel) {
    return byKernel.computeIfAbsent(kernel, k -> new Notebook(hosts.apply(k)));
  }
}
