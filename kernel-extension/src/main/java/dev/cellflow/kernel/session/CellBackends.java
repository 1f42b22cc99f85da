package dev.cellflow.kernel.session;

import dev.cellflow.CellflowException;
import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.ComputeBackendProvider;
import dev.cellflow.compute.RunContext;
import dev.cellflow.internal.datastore.FlowDatastore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The backends a notebook's remote cells use, kept open across cells so that a warm task
 * process (JVM started, compiler loaded) takes the next cell. Closing ends their processes.
 */
public final class CellBackends implements AutoCloseable {
  private final Map<String, ComputeBackend> open = new LinkedHashMap<>();
  private FlowDatastore ds;

  /**
   * The backend {@code name} with options {@code withs}, for datastore {@code ds}; its tasks
   * run on {@code classpath}.
   */
  synchronized ComputeBackend get(String name, List<String> withs, FlowDatastore ds,
      String classpath) {
    if (this.ds != ds) {
      close(); // a new run: its own datastore part
      this.ds = ds;
    }
    String key = name + " " + withs + " " + classpath; // a folder added: a new process
    ComputeBackend b = open.get(key);
    if (b == null) {
      ComputeBackendProvider provider = provider(name);
      try {
        b = provider.open(new RunContext(ds, classpath, 4, withs));
      } catch (CellflowException e) { // the backend's own words, for a flow run's flags
        throw new CellflowException("%batch: the '" + name + "' backend cannot run this"
            + " notebook's cells: " + e.getMessage() + "; or run the cell in a local process"
            + " with %batch backend=local", e);
      }
      open.put(key, b);
    }
    return b;
  }

  @Override
  public synchronized void close() {
    open.values().forEach(ComputeBackend::close);
    open.clear();
  }

  /** The backend named {@code name}, found by {@link ServiceLoader}; an error saying what to add. */
  static ComputeBackendProvider provider(String name) {
    for (ComputeBackendProvider p : ServiceLoader.load(ComputeBackendProvider.class,
        CellBackends.class.getClassLoader())) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new CellflowException("%batch: no '" + name + "' compute backend is on the kernel's"
        + " class path; add the cellflow batch module (dev.cellflow:cellflow-batch) to the"
        + " kernel, or run the cell in a local process with %batch backend=local");
  }
}
