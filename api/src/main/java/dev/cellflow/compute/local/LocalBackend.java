package dev.cellflow.compute.local;

import dev.cellflow.CellflowException;
import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.ComputeBackendProvider;
import dev.cellflow.compute.RunContext;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.decorator.StepResources;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;

/**
 * Runs each task in a local JVM process whose heap is the step's {@code @Resources(memory)}.
 * A step that asks for more memory than this machine has fails before any of its code runs.
 */
public final class LocalBackend implements ComputeBackend {
  private final WorkerPool pool;

  LocalBackend(RunContext ctx) {
    this.pool = new WorkerPool(ctx.classpath(), ctx.maxWorkers());
  }

  /** Boots a process for a step with {@code resources} ahead of need. */
  public void prestart(StepResources resources) {
    try {
      if (resources.memory() <= machineMemoryMb()) {
        pool.prestart(resources.memory());
      }
    } catch (IOException e) {
      // not fatal: the task will start its own process and report a real failure
    }
  }

  @Override
  public void launch(TaskLaunch launch, Consumer<TaskOutcome> done) {
    long now = System.currentTimeMillis();
    StepResources r = launch.resources();
    long have = machineMemoryMb();
    if (r.memory() > have) {
      done.accept(new TaskOutcome("failed", "step '" + launch.spec().step() + "' asks for "
          + r.memory() + " MB of memory (@Resources(memory = " + r.memory() + ")) but this"
          + " machine has " + have + " MB; run it where it fits with --with batch (or @Batch on"
          + " the step), or lower memory", null, 0, now));
      return;
    }
    if (r.gpu() > 0) {
      done.accept(new TaskOutcome("failed", "step '" + launch.spec().step() + "' asks for "
          + r.gpu() + " GPU(s), which local tasks cannot have; run it on AWS Batch with"
          + " --with batch (or @Batch on the step)", null, 0, now));
      return;
    }
    try {
      Worker w = pool.acquire(r.memory());
      w.run(launch, outcome -> {
        pool.release(w, outcome.ok() || outcome.status().equals("failed"));
        done.accept(outcome);
      });
    } catch (IOException e) {
      throw new CellflowException("cannot start a task process for step '"
          + launch.spec().step() + "': " + e.getMessage(), e);
    }
  }

  /** The physical memory this machine (or its container limit) has, in MB. */
  public static long machineMemoryMb() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getTotalMemorySize() / (1024 * 1024);
  }

  @Override
  public void killAll() {
    pool.killAll();
  }

  @Override
  public void close() {
    pool.close();
  }

  /** The provider for the {@code local} backend. */
  public static final class Provider implements ComputeBackendProvider {
    @Override
    public String name() {
      return "local";
    }

    @Override
    public ComputeBackend open(RunContext run) {
      return new LocalBackend(run);
    }
  }
}
