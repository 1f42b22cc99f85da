package dev.cellflow.internal.local;

import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.ComputeBackendProvider;
import dev.cellflow.compute.RunContext;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.internal.config.Config;
import dev.cellflow.compute.StepResources;
import dev.cellflow.internal.startup.CdsArchive;
import dev.cellflow.internal.startup.HugePages;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs each task in a local JVM process whose heap is the step's {@code @Resources(memory)}; a
 * step that asks for more memory than this machine has fails before any of its code runs.
 *
 * <p>The glue of three parts: a {@link WorkerPool} decides which process runs which task (warm
 * processes reused, retired, booted a few at a time), {@link TaskCommand} is a process's command
 * line, and {@link Worker} one process. This class checks what a task asks for against the
 * machine, starts the processes the pool asks for, adopts the run's {@link EarlyWorker}, and
 * publishes the class-data archive the run's first process wrote.
 */
public final class LocalBackend implements ComputeBackend {
  private final String classpath;
  private final CdsArchive cds;
  private final WorkerPool pool;
  /** The process that writes the class-data archive, published when the run ends. */
  private volatile Worker dumper;

  LocalBackend(RunContext ctx) {
    this.classpath = ctx.classpath();
    this.cds = CdsArchive.forClasspath(classpath);
    int bootAtOnce = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    this.pool = new WorkerPool(new Processes(), new TimerClock(), new WorkerPool.Policy(
        ctx.maxWorkers(), bootAtOnce, Config.load().freshTaskProcesses()));
  }

  /** Starts task processes for the pool. */
  private final class Processes implements WorkerPool.Factory {
    @Override
    public TaskProcess start(int heapMb, TaskProcess.Listener listener)
        throws IOException {
      List<String> cdsOptions = cds == null ? List.of() : cds.jvmOptions();
      Worker w = new Worker(TaskCommand.of(classpath, heapMb, cdsOptions), heapMb, listener);
      if (CdsArchive.dumps(cdsOptions)) {
        dumper = w;
      }
      return w;
    }

    @Override
    public String startHint() {
      return TaskCommand.startHint();
    }
  }

  /** Boots a process for a step with {@code resources} ahead of need, unless one is booting. */
  @Override
  public void prestart(StepResources resources) {
    if (resources.memory() <= machineMemoryMb() && resources.gpu() == 0) {
      pool.prestart(resources.memory());
    }
  }

  /**
   * Boots the first task process of a run on {@code classpath} for a step with {@code
   * resources}, before the run's backend exists; the backend takes it when it opens. It prepares
   * for tasks of {@code flowClass} while it waits.
   */
  static void bootEarly(String classpath, StepResources resources, String flowClass) {
    // no full check of the memory here (the JVM's management classes cost this one tens of
    // milliseconds, and a start step that asks for too much is refused before it runs); only
    // no process for a heap beyond the whole machine, which would die at start
    if (resources.gpu() == 0 && resources.memory() < HugePages.physicalMb()) {
      EarlyWorker.boot(classpath, resources.memory(), flowClass);
    }
  }

  /** Takes the process {@link #bootEarly} started for this classpath, if any. */
  private void adoptEarly() {
    EarlyWorker early = EarlyWorker.take(classpath);
    if (early != null) {
      pool.adopt(early.worker());
      early.adopt(pool); // outside the pool's lock: the early worker's lock is taken before it
    }
  }

  @Override
  public void launch(TaskLaunch launch, Consumer<TaskOutcome> done) {
    String refusal = refusal(launch);
    if (refusal != null) {
      done.accept(new TaskOutcome(TaskOutcome.Status.FAILED, refusal, null, 0, System.currentTimeMillis()));
      return;
    }
    pool.submit(WorkerPool.Job.of(launch), done);
  }

  /** Why this machine cannot run the task, or null. Checked before any of the step's code runs. */
  private static String refusal(TaskLaunch launch) {
    StepResources r = launch.resources();
    String step = launch.spec().step();
    long have = machineMemoryMb();
    if (r.memory() > have) {
      return "step '" + step + "' asks for " + r.memory() + " MB of memory (@Resources(memory = "
          + r.memory() + ")) but this machine has " + have + " MB; run it where it fits with"
          + " --with batch (or @Batch on the step), or lower memory";
    }
    if (r.gpu() > 0) {
      return "step '" + step + "' asks for " + r.gpu() + " GPU(s), which local tasks cannot have;"
          + " run it on AWS Batch with --with batch (or @Batch on the step)";
    }
    return null;
  }

  private static volatile long memoryMb;

  /** The physical memory this machine (or its container limit) has, in MB; read once. */
  public static long machineMemoryMb() {
    if (memoryMb == 0) {
      var os = (com.sun.management.OperatingSystemMXBean)
          ManagementFactory.getOperatingSystemMXBean();
      memoryMb = os.getTotalMemorySize() / (1024 * 1024);
    }
    return memoryMb;
  }

  @Override
  public void killAll() {
    pool.killAll();
  }

  @Override
  public void close() {
    pool.close();
    Worker archiving = dumper;
    if (archiving != null && cds != null) {
      cds.publish(archiving.process());
    }
  }

  /** The provider for the {@code local} backend. */
  public static final class Provider implements ComputeBackendProvider {
    @Override
    public String name() {
      return "local";
    }

    @Override
    public void bootEarly(String classpath, String flowClass, StepResources start) {
      LocalBackend.bootEarly(classpath, start, flowClass);
    }

    @Override
    public ComputeBackend open(RunContext run) {
      LocalBackend b = new LocalBackend(run);
      b.adoptEarly();
      return b;
    }
  }
}
