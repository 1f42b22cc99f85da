package dev.cellflow.internal.runtime;

import dev.cellflow.CellflowException;
import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.ComputeBackendProvider;
import dev.cellflow.compute.RunContext;
import dev.cellflow.internal.decorator.StepPlan;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Opens the compute backends a run's steps need, found by ServiceLoader. */
final class Backends {
  private Backends() {}

  /** Lets the backend of the start step's {@code plan} start what that step needs early. */
  static void bootEarly(StepPlan plan, String classpath, String flowClass) {
    ComputeBackendProvider p = providers().get(plan.backend());
    if (p != null) {
      p.bootEarly(classpath, flowClass, plan.resources());
    }
  }

  /** {@code backend} under the name of every backend that {@code plans} use (for tests). */
  static Map<String, ComputeBackend> all(Collection<StepPlan> plans, ComputeBackend backend) {
    Map<String, ComputeBackend> out = new LinkedHashMap<>();
    plans.forEach(p -> out.put(p.backend(), backend));
    return out;
  }

  static Map<String, ComputeBackend> open(Collection<StepPlan> plans, RunContext ctx) {
    Map<String, ComputeBackendProvider> providers = providers();
    Map<String, ComputeBackend> out = new LinkedHashMap<>();
    for (StepPlan plan : plans) {
      if (out.containsKey(plan.backend())) {
        continue;
      }
      ComputeBackendProvider p = providers.get(plan.backend());
      if (p == null) {
        out.values().forEach(ComputeBackend::close);
        throw new CellflowException("step '" + plan.step() + "' runs on " + plan.backend()
            + " (@Batch or --with " + plan.backend() + ") but no '" + plan.backend()
            + "' backend is on the classpath; add the cellflow batch module"
            + " (dev.cellflow:cellflow-batch), or run without --with " + plan.backend());
      }
      out.put(plan.backend(), p.open(ctx));
    }
    return out;
  }

  private static Map<String, ComputeBackendProvider> providers; // guarded by Backends.class

  /**
   * The providers by name, the first of a name winning; found once per JVM, as a run's start
   * asks for them twice (its start step's early boot, then its backends). Nothing is kept when
   * finding them fails: each call then says why.
   */
  private static synchronized Map<String, ComputeBackendProvider> providers() {
    if (providers == null) {
      Map<String, ComputeBackendProvider> found = new LinkedHashMap<>();
      for (ComputeBackendProvider p : java.util.ServiceLoader.load(ComputeBackendProvider.class,
          Backends.class.getClassLoader())) {
        found.putIfAbsent(p.name(), p);
      }
      providers = java.util.Collections.unmodifiableMap(found);
    }
    return providers;
  }
}
