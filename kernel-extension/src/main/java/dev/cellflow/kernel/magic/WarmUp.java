package dev.cellflow.kernel.magic;

import dev.cellflow.compute.ComputeBackendProvider;
import dev.cellflow.compute.StepResources;
import dev.cellflow.internal.cells.CellCompiler;
import dev.cellflow.internal.cells.CellSource;
import dev.cellflow.internal.cells.SessionClasspath;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.notebook.CellTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Does, on a background thread as a kernel starts (or the extension loads), what a session's
 * first {@code %batch} cell would otherwise wait for: a local task process booted (a JVM taking
 * about a second of CPU; the first local cell's backend adopts it, as a flow run's backend
 * adopts the process its command line booted early), javac loaded and the session's jars
 * indexed by compiling a throwaway cell (most of the kernel's own share), and the datastore's
 * serializers and Jackson loaded by storing and reading one value in a temporary folder.
 *
 * <p>Nothing of the session changes: no snippet is evaluated in its JShell, nothing is stored
 * in its datastore, and a cell that comes while this runs waits for the compiler as it would
 * for another cell's compile. The cost, measured in docs/performance.md: the CPU of that work at
 * start, and an idle task process (its memory) until the first local cell takes it or the
 * kernel ends. {@code CELLFLOW_KERNEL_WARM_UP=false} (config {@code kernelWarmUp}) turns it off.
 */
public final class WarmUp {
  private WarmUp() {}

  /** Starts the warm-up for the session of {@code host} (made on its thread), unless off. */
  public static void start(Supplier<Host> host) {
    Thread t = new Thread(() -> run(host), "cellflow-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private static void run(Supplier<Host> hosts) {
    try {
      // read here, not on the kernel's thread: a config file in error is the first cell's to report
      if (!Boolean.parseBoolean(dev.cellflow.internal.config.Config.load().get("kernelWarmUp", "true"))) {
        return;
      }
      ClassLoader loader = hosts.get().session().loader();
      // first, as it takes longest: the process boots while this JVM does the rest. Its class
      // path is the one a remote cell's backend asks for (RemoteCell), or no backend takes it
      for (ComputeBackendProvider p : ServiceLoader.load(ComputeBackendProvider.class,
          WarmUp.class.getClassLoader())) {
        if (p.name().equals("local")) {
          p.bootEarly(SessionClasspath.joined(loader), CellTask.PREFIX + "warm-up",
              StepResources.DEFAULT); // %batch's default size
        }
      }
      CellCompiler.compile(new CellSource(List.of("import java.util.*;",
          "import java.util.stream.*;"), List.of(), Set.of(), "int warmUp = List.of(1).size();"),
          SessionClasspath.of(loader));
      Path tmp = Files.createTempDirectory("cellflow-warm-up");
      try {
        FlowDatastore ds = new FlowDatastore(new LocalStorage(tmp), "WarmUp");
        ds.getArtifact(ds.putArtifact(new int[] {1}), loader);
        ds.getArtifact(ds.putArtifact(List.of("a", 1.0)), loader);
        dev.cellflow.internal.metadata.Json.warmUp();
      } finally {
        try (var files = Files.walk(tmp)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    } catch (Exception | LinkageError e) {
      // only a head start was lost: the first cell does this work itself and reports what fails
    }
  }
}
