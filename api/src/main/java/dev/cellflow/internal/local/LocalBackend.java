package dev.cellflow.internal.local;

import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.ComputeBackendProvider;
import dev.cellflow.compute.RunContext;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.internal.decorator.StepResources;
import dev.cellflow.internal.startup.CdsArchive;
import dev.cellflow.internal.startup.HugePages;
import dev.cellflow.internal.task.WorkerMain;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs each task in a local JVM process whose heap is the step's {@code @Resources(memory)}; a
 * step that asks for more memory than this machine has fails before any of its code runs.
 *
 * <p>Processes are warm workers: starting a JVM and loading cellflow's classes is the main cost
 * of a small task, so a process that ended its task cleanly takes the next task of the same run
 * and heap size (one whose task failed, or left a non-daemon thread running, is retired; a retry
 * gets a process no task has run in). New processes boot a few at a time while tasks wait: short tasks are done by the
 * processes already up, long ones get a process each, up to {@code --max-workers}. A process
 * that failed in a way that could leave it unsound (an Error, a crash) is never reused.
 *
 * <p>A task that could run on a process that is busy waits for it for about as long as booting
 * a new process takes, before one is booted for it. Booting is not free: a process costs a few
 * hundred milliseconds of CPU to boot and more to compile its hot code, and on a small machine
 * booting one process per waiting short task (up to {@code --max-workers}) took that CPU from
 * the processes doing the work, slowing a foreach of trivial tasks several-fold. Waiting no
 * longer than a boot takes keeps long tasks from waiting much: each waits at most about twice
 * as long as it would have with a new process started for it at once.
 */
public final class LocalBackend implements ComputeBackend, Worker.Listener {
  private record Pending(TaskLaunch launch, Consumer<TaskOutcome> done, long queuedAt) {}

  private final String classpath;
  /** Every task in a new process (CELLFLOW_TASK_PROCESS=fresh): no process runs two tasks. */
  private final boolean fresh;
  private final int maxWorkers;
  private final int bootAtOnce = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  private final CdsArchive cds;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private final List<Worker> booting = new ArrayList<>();
  private final Deque<Worker> idle = new ArrayDeque<>();
  private final List<Worker> busy = new ArrayList<>();
  private Worker dumper;
  /** How long booting a process takes here, measured (a moving average); a guess until then. */
  private long bootNanos = TimeUnit.MILLISECONDS.toNanos(300);
  /** Calls {@link #dispatch} when a waiting task has waited long enough; made on first need. */
  private ScheduledExecutorService timer;
  private long wakeAt = Long.MAX_VALUE;

  LocalBackend(RunContext ctx) {
    this.fresh = dev.cellflow.internal.config.Config.load().freshTaskProcesses();
    this.classpath = ctx.classpath();
    this.maxWorkers = ctx.maxWorkers();
    this.cds = CdsArchive.forClasspath(classpath);
  }

  /** Boots a process for a step with {@code resources} ahead of need, unless one is booting. */
  @Override
  public synchronized void prestart(StepResources resources) {
    if (resources.memory() <= machineMemoryMb() && resources.gpu() == 0
        && !hasWorker(booting, resources.memory()) && !hasWorker(idle, resources.memory())) {
      boot(resources.memory());
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
      synchronized (this) {
        booting.add(early.worker());
      }
      early.adopt(this); // outside this lock: the early worker's lock is taken before this one
    }
  }

  @Override
  public void launch(TaskLaunch launch, Consumer<TaskOutcome> done) {
    String refusal = refusal(launch);
    if (refusal != null) {
      done.accept(new TaskOutcome("failed", refusal, null, 0, System.currentTimeMillis()));
      return;
    }
    synchronized (this) {
      pending.add(new Pending(launch, done, System.nanoTime()));
      dispatch();
    }
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

  private synchronized void dispatch() {
    long now = System.nanoTime();
    long wakeNeeded = Long.MAX_VALUE;
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      int heap = p.launch().resources().memory();
      // a retry starts in a process no task has run in: its failed attempt's process is
      // retired, and another may hold what earlier tasks of the step left (statics)
      boolean retry = p.launch().spec().attempt() > 0;
      Worker w = null;
      for (Worker x : idle) {
        if (x.heapMb() == heap && x.alive() && (!retry || x.unused())) {
          if (w == null || w.unused() && !x.unused()) {
            w = x; // other tasks take a used process first, leaving unused ones to retries
          }
          if (retry || !x.unused()) {
            break;
          }
        }
      }
      if (w != null) {
        idle.remove(w);
        busy.add(w);
        it.remove();
        start(w, p);
      } else if (booting.size() < bootAtOnce) {
        long bootAt = !fresh && !retry && hasWorker(busy, heap) ? p.queuedAt() + bootNanos
            : now;
        if (bootAt > now) {
          wakeNeeded = Math.min(wakeNeeded, bootAt); // a busy process may soon take it
          continue;
        }
        if (live() >= maxWorkers && !idle.isEmpty()) {
          idle.removeLast().retire(); // a process of another heap size makes room
        }
        if (live() < maxWorkers) {
          boot(heap);
        }
      }
    }
    if (wakeNeeded != Long.MAX_VALUE && !pending.isEmpty()) {
      wakeAt(wakeNeeded, now);
    }
  }

  private static boolean hasWorker(java.util.Collection<Worker> workers, int heapMb) {
    for (Worker w : workers) {
      if (w.heapMb() == heapMb) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@link #dispatch} at {@code at} (a {@link System#nanoTime}), unless one runs sooner. */
  private void wakeAt(long at, long now) {
    if (at >= wakeAt) {
      return; // the earlier wake-up dispatches, and asks for this one again if still needed
    }
    wakeAt = at;
    timer().schedule(() -> {
      synchronized (this) {
        wakeAt = Long.MAX_VALUE;
        dispatch();
      }
    }, at - now, TimeUnit.NANOSECONDS);
  }

  /** One daemon thread for delayed work: boot decisions and timeouts. */
  private synchronized ScheduledExecutorService timer() {
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cellflow-local-timer");
        t.setDaemon(true);
        return t;
      });
    }
    return timer;
  }

  private void start(Worker w, Pending p) {
    long limit = p.launch().timeoutSeconds();
    if (limit > 0) {
      timer().schedule(() -> w.timeOut(p.launch(), "timed out after " + limit + " s (@Timeout on"
          + " step '" + p.launch().spec().step() + "'); its process was killed"), limit,
          TimeUnit.SECONDS);
    }
    try {
      w.run(p.launch(), outcome -> finished(w, p, outcome));
    } catch (IOException e) {
      finished(w, p, new TaskOutcome("died", "cannot send the task to its process: " + e, null,
          w.process().pid(), System.currentTimeMillis()));
    }
  }

  private void finished(Worker w, Pending p, TaskOutcome outcome) {
    synchronized (this) {
      busy.remove(w);
      if (outcome.ok() && w.alive() && !fresh && !w.spent()) {
        idle.addFirst(w);
      } else if ((outcome.ok() || outcome.status().equals("failed")) && w.alive()) {
        // a step that threw may have left state behind (statics, threads): its retry, and the
        // tasks after it, do not run in this process; nor after one that left threads running
        w.retire();
      } else {
        w.kill(); // an Error or a crash leaves the JVM unsound
      }
      dispatch();
    }
    p.done().accept(outcome);
  }

  private void boot(int heapMb) {
    List<String> cdsOptions = cds == null ? List.of() : cds.jvmOptions();
    List<String> cmd = command(classpath, heapMb, cdsOptions);
    try {
      Worker w = new Worker(cmd, heapMb, this);
      booting.add(w);
      if (CdsArchive.dumps(cdsOptions)) {
        dumper = w;
      }
    } catch (IOException e) {
      failPending("cannot start a task process: " + e.getMessage());
    }
  }

  /** The command line of a task process. */
  static List<String> command(String classpath, int heapMb, List<String> cdsOptions) {
    // e.g. -XX:+UseZGC, a profiler's agent
    return command(classpath, heapMb, cdsOptions, taskJavaOptions());
  }

  /** A task process's command line, with {@code extra} JVM options of the user's. */
  static List<String> command(String classpath, int heapMb, List<String> cdsOptions,
      String extra) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heapMb + "m");
    List<String> extras = extra == null || extra.isBlank() ? List.of()
        : List.of(extra.trim().split("\\s+"));
    if (extras.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
      // named, since a JVM that sees fewer than 2 CPUs or 1792 MB picks the serial collector;
      // a collector of the user's replaces it (the JVM refuses two)
      cmd.add(TaskCollector.option());
    }
    cmd.addAll(HugePages.options(heapMb, extras));
    cmd.add("-XX:-UsePerfData");
    cmd.addAll(cdsOptions);
    cmd.addAll(extras);
    cmd.addAll(List.of("-cp", classpath, WorkerMain.class.getName()));
    return cmd;
  }

  private int live() {
    return booting.size() + idle.size() + busy.size();
  }

  @Override
  public synchronized void ready(Worker w) {
    // boots vary with load; weigh the latest a quarter
    bootNanos = (3 * bootNanos + Math.max(TimeUnit.MILLISECONDS.toNanos(50), w.bootNanos())) / 4;
    booting.remove(w);
    idle.addFirst(w);
    dispatch();
  }

  @Override
  public void exited(Worker w, int code, String lastOutput) {
    List<Pending> orphaned = List.of();
    synchronized (this) {
      boolean wasBooting = booting.remove(w);
      idle.remove(w);
      if (wasBooting && live() == 0) {
        orphaned = new ArrayList<>(pending);
        pending.clear();
      } else {
        dispatch();
      }
    }
    String options = taskJavaOptions();
    String hint = options == null || options.isBlank() ? ""
        : " (its JVM options include CELLFLOW_TASK_JAVA_OPTIONS='" + options.trim() + "')";
    for (Pending p : orphaned) {
      p.done().accept(new TaskOutcome("died", "the task process could not start (exit code "
          + code + ")" + hint + ": " + lastOutput, code, 0, System.currentTimeMillis()));
    }
  }

  /** The user's JVM options for task processes: {@code CELLFLOW_TASK_JAVA_OPTIONS}, or null. */
  static String taskJavaOptions() {
    return dev.cellflow.internal.config.Config.load().get("taskJavaOptions", null);
  }

  private void failPending(String why) {
    List<Pending> all = new ArrayList<>(pending);
    pending.clear();
    for (Pending p : all) {
      p.done().accept(new TaskOutcome("died", why, null, 0, System.currentTimeMillis()));
    }
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
    List<Pending> waiting;
    synchronized (this) {
      waiting = new ArrayList<>(pending);
      pending.clear();
      busy.forEach(Worker::kill);
    }
    for (Pending p : waiting) {
      p.done().accept(new TaskOutcome("killed", "not started: the run stopped", null, 0,
          System.currentTimeMillis()));
    }
  }

  @Override
  public void close() {
    Worker archiving;
    synchronized (this) {
      for (Worker w : idle) {
        w.retire();
      }
      for (Worker w : booting) {
        w.retire();
      }
      busy.forEach(Worker::kill);
      archiving = dumper;
      if (timer != null) {
        timer.shutdownNow();
      }
    }
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
