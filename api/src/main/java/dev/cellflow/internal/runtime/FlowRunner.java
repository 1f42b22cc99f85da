package dev.cellflow.internal.runtime;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.RunStatus;
import dev.cellflow.TaskStatus;
import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.RunContext;
import dev.cellflow.compute.SplitFrame;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskLogs;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.compute.TaskRef;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.decorator.FailedAttempt;
import dev.cellflow.internal.decorator.Recovery;
import dev.cellflow.internal.decorator.StepPlan;
import dev.cellflow.internal.decorator.WithSpec;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.StepNode;
import dev.cellflow.internal.liveness.Lease;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.metadata.TaskResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a flow: schedules its tasks on the compute backends, at most {@code maxWorkers} at once,
 * in the order the graph allows; branches and foreach splits run in parallel, a join starts when
 * all of its inputs are done. A failed task is retried or passed as its step's decorators say
 * ({@code @Retry}, {@code @Catch}: {@link StepPlan#recovery}), or else stops the run and ends the
 * tasks still running. A resumed run reuses its origin's successful tasks by reference.
 */
public final class FlowRunner {
  /**
   * How to run. {@code out} and {@code err} show the tasks' output lines when {@code
   * taskOutput}, and the runner's own lines about a run stopped abruptly; {@code listener} hears
   * everything else (the run's start and end, retries, ...: see {@link RunEvent}).
   */
  public record Options(int maxWorkers, int maxNumSplits, String datastore, String datastoreRoot,
      List<String> tags, List<String> withs, PrintStream out, PrintStream err,
      boolean taskOutput, RunListener listener) {}

  /** A task that ended; {@code reusedFrom}: the origin task ({@code RUN/STEP/TASK}) it reused. */
  private record Finished(TaskSpec spec, TaskOutcome outcome, TaskLogs logs, String reusedFrom) {
    Finished(TaskSpec spec, TaskOutcome outcome, TaskLogs logs) {
      this(spec, outcome, logs, null);
    }
  }

  private record Delayed(long dueMillis, TaskSpec spec) {}

  private final Class<? extends FlowSpec> flow;
  private final FlowGraph graph;
  private final FlowDatastore ds;
  /** The most bytes of a task's stream its logs keep ({@code CELLFLOW_LOG_CAP_KB}). */
  private final long logCapBytes;
  private final Options opts;
  private final Map<String, StepPlan> plans = new LinkedHashMap<>();
  private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
  private final Deque<TaskSpec> ready = new ArrayDeque<>();
  private final PriorityQueue<Delayed> retries =
      new PriorityQueue<>((a, b) -> Long.compare(a.dueMillis(), b.dueMillis()));
  private final Successors successors;
  private final Reporter events;
  private ComputeBackend only; // tests: every step runs here
  private String classpath; // null: this JVM's own
  private Resumption resumption;
  private int running;
  private int nextTask = 1;
  private int runId;
  private TaskRecords records;
  private volatile String failure;
  private volatile boolean interrupted;

  /** A runner for {@code flow}, whose validated graph is {@code graph}. */
  public FlowRunner(Class<? extends FlowSpec> flow, FlowGraph graph, FlowDatastore ds,
      Options opts) {
    this.flow = flow;
    this.graph = graph;
    this.ds = ds;
    this.opts = opts;
    // a bad CELLFLOW_LOG_CAP_KB is refused now, before a run is recorded
    this.logCapBytes = Config.load().logCapKb() << 10;
    List<WithSpec> withs = opts.withs().stream().map(WithSpec::parse).toList();
    for (StepNode n : graph.steps().values()) {
      StepPlan plan = StepPlan.of(StepMethods.of(flow, n.name()), withs);
      plan.check(flow, n);
      plans.put(n.name(), plan);
    }
    this.successors = new Successors(graph, (step, parents, stack) -> spec(step)
        .parents(parents).splitStack(stack).build());
    this.events = new Reporter(graph, opts.listener());
  }

  /** Runs every step's tasks on {@code backend} instead of the steps' own (for tests). */
  FlowRunner onBackend(ComputeBackend backend) {
    only = backend;
    return this;
  }

  /**
   * Starts the tasks on {@code classpath} instead of this JVM's own: a notebook's flow class is
   * compiled into a folder of its own, which the kernel's class path does not hold.
   */
  public FlowRunner onClasspath(String classpath) {
    this.classpath = classpath;
    return this;
  }

  /**
   * Lets the start step's backend start what the step needs ({@link
   * dev.cellflow.compute.ComputeBackendProvider#bootEarly}: locally, its task process) while
   * the rest of the command line of a run of {@code flow} under {@code withs} (the {@code
   * --with} options) is read. Errors are left to the run to report.
   */
  public static void bootEarly(Class<? extends FlowSpec> flow, List<String> withs) {
    try {
      StepPlan plan = StepPlan.of(StepMethods.of(flow, "start"),
          withs.stream().map(WithSpec::parse).toList());
      Backends.bootEarly(plan, System.getProperty("java.class.path"), flow.getName());
    } catch (RuntimeException e) {
      // no start step, a bad --with, ...: the run says so
    }
  }

  /** The plan of every step: backend, resources, timeout, its decorators' hooks. */
  public Map<String, StepPlan> plans() {
    return plans;
  }

  /** Runs the flow with {@code parameters}; returns the run's final record. */
  public RunMeta run(Map<String, String> parameters, String user) throws IOException {
    return execute(parameters, user, null);
  }

  /**
   * Runs the flow again from run {@code origin} (its parameters, its successful tasks reused),
   * rerunning {@code step} and every step after it, or, with {@code step} null, every task that
   * did not succeed.
   */
  public RunMeta resume(int origin, String step, String user) throws IOException {
    RunMeta from = ds.run(origin);
    resumption = Resumption.of(ds, graph, origin, step);
    return execute(from.parameters(), user, origin);
  }

  private RunMeta execute(Map<String, String> parameters, String user, Integer origin)
      throws IOException {
    RunContext ctx = new RunContext(ds, classpath != null ? classpath
        : System.getProperty("java.class.path"), opts.maxWorkers(), opts.withs());
    Map<String, ComputeBackend> backends = only == null ? Backends.open(plans.values(), ctx)
        : Backends.all(plans.values(), only);
    if (origin == null) {
      StepPlan start = plans.get("start");
      backends.get(start.backend()).prestart(start.resources());
    }
    RunMeta run = ds.newRun(new RunMeta(graph.flowName(), flow.getName(), 0, user,
        RunStatus.RUNNING,
        System.currentTimeMillis(), 0, parameters, opts.tags(), origin));
    runId = run.runId();
    records = new TaskRecords(ds, runId);
    Lease lease = Lease.hold(ds, runId); // readers tell this run from one whose runtime is gone
    events.tell(new RunEvent.RunStarted(graph.flowName(), runId, origin, ds.storage().root()));
    Thread hook = new Thread(() -> interrupted(run, backends), "cellflow-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean storageFailed = false;
    try {
      queue(List.of(startSpec()));
      loop(backends);
    } catch (CellflowException e) {
      // the run cannot go on (a resumed run's origin lost a task's result, ...): it fails,
      // saying why, and is never left recorded as running
      failure = failure != null ? failure : e.getMessage();
      interrupted |= Thread.currentThread().isInterrupted();
      backends.values().forEach(ComputeBackend::killAll);
      if (Thread.currentThread().isInterrupted()) {
        // this thread was interrupted (a notebook cell's %flow run): its tasks in flight are
        // recorded killed, as Ctrl-C's hook records them
        records.killAll();
      }
    } catch (IOException | UncheckedIOException e) {
      // the datastore failed under the runtime (a full disk, S3 unreachable past the client's
      // retries): the run cannot go on, so its tasks end and it is recorded failed if it can be
      failure = StorageFailure.describe(e, ds, runId);
      backends.values().forEach(ComputeBackend::killAll);
      storageFailed = true;
    } catch (RuntimeException | Error e) {
      endAbruptly(run, e);
      throw e;
    } finally {
      lease.close();
      backends.values().forEach(ComputeBackend::close);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running
      }
    }
    // the interrupt hook and this thread may both get here; both say killed then
    RunMeta done = run.finished(interrupted ? RunStatus.KILLED
        : failure == null ? RunStatus.SUCCEEDED : RunStatus.FAILED, System.currentTimeMillis());
    String unsaved = "";
    if (storageFailed) {
      unsaved = StorageFailure.saveRun(ds, done); // the line says whether it could be recorded
    } else {
      ds.saveRun(done);
    }
    events.tell(new RunEvent.RunEnded(done, failure == null ? null : failure + unsaved));
    return done;
  }

  /** Records the run as failed (or killed) when an unexpected error stops it, and says so. */
  private void endAbruptly(RunMeta run, Throwable e) {
    try {
      ds.saveRun(run.finished(interrupted ? RunStatus.KILLED : RunStatus.FAILED,
          System.currentTimeMillis()));
    } catch (IOException | RuntimeException again) {
      e.addSuppressed(again);
    }
    opts.err().println("Run " + graph.flowName() + "/" + runId + " failed: " + e);
  }

  private TaskSpec startSpec() {
    return spec("start").build();
  }

  /** A new task of {@code step} in this run, with the run's datastore and limits. */
  private TaskSpec.Builder spec(String step) {
    return TaskSpec.builder(flow.getName(), step, runId, nextTask++)
        .datastore(opts.datastore(), ds.storage().root()).maxNumSplits(opts.maxNumSplits())
        .touches(graph.step(step).touches());
  }

  private void queue(List<TaskSpec> specs) {
    events.queued(specs);
    ready.addAll(specs);
  }

  private void loop(Map<String, ComputeBackend> backends) throws IOException {
    while (true) {
      long now = System.currentTimeMillis();
      while (!retries.isEmpty() && retries.peek().dueMillis() <= now) {
        ready.add(retries.poll().spec());
      }
      while (failure == null && running < opts.maxWorkers() && !ready.isEmpty()) {
        launch(ready.poll(), backends);
      }
      if (running == 0 && (retries.isEmpty() || failure != null)) {
        return;
      }
      Finished f;
      try {
        long wait = retries.isEmpty() ? Long.MAX_VALUE : retries.peek().dueMillis() - now;
        f = finished.poll(Math.max(1, wait), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CellflowException("interrupted");
      }
      if (f != null) {
        running--;
        handle(f, backends);
      }
    }
  }

  private void launch(TaskSpec spec, Map<String, ComputeBackend> backends) throws IOException {
    running++;
    events.started(spec);
    Integer reused = resumption == null ? null
        : resumption.reuse(spec.step(), spec.splitStack());
    if (reused != null) {
      finished.add(new Finished(spec, resumption.take(ds, spec, reused), null,
          resumption.origin() + "/" + spec.step() + "/" + reused));
      return;
    }
    StepPlan plan = plans.get(spec.step());
    TaskLogs logs = new TaskLogs(ds, logCapBytes, runId, spec.step(), spec.task(), spec.attempt(),
        opts.taskOutput() ? opts.out() : null, opts.taskOutput() ? opts.err() : null);
    records.launched(spec, logs);
    logs.onExternalId(id -> records.started(spec, id, logs));
    backends.get(plan.backend()).launch(
        new TaskLaunch(spec, plan.resources(), plan.timeoutSeconds(), logs, plan.backendArgs()),
        outcome -> finished.add(new Finished(spec, outcome, logs)));
  }

  private void handle(Finished f, Map<String, ComputeBackend> backends) throws IOException {
    TaskSpec spec = f.spec();
    TaskOutcome o = f.outcome();
    boolean reused = f.reusedFrom() != null;
    if (f.logs() != null) {
      records.ended(spec, f.logs());
    }
    boolean ok = o.ok();
    TaskStatus status = ok ? TaskStatus.SUCCEEDED
        : failure != null ? TaskStatus.KILLED : TaskStatus.FAILED;
    String wrong = null;
    TaskResult result = null;
    if (ok && failure == null) {
      result = ds.result(runId, spec.step(), spec.task());
      wrong = GraphCheck.mismatch(graph.step(spec.step()), result);
      if (wrong != null) {
        status = TaskStatus.FAILED;
      }
    }
    String error = ok ? wrong : o.summary();
    records.save(spec, o, status, error, f.reusedFrom());
    events.ended(spec, status, reused, error);
    if (status != TaskStatus.FAILED) {
      if (ok && failure == null) {
        passed(spec, result);
      }
      return;
    }
    // a result that does not fit the graph is the flow's own error: no decorator recovers it
    Recovery r = wrong != null ? null : plans.get(spec.step()).recovery(new FailedAttempt(
        spec.step(), spec.pathspec(), spec.attempt(), error, o.killed()));
    if (r instanceof Recovery.Retry again) {
      TaskSpec next = spec.withAttempt(spec.attempt() + 1);
      events.tell(new RunEvent.RetryScheduled(next, error, again.delaySeconds(),
          again.attempts()));
      retries.add(new Delayed(System.currentTimeMillis() + 1000 * again.delaySeconds(), next));
      return;
    }
    if (r instanceof Recovery.Pass pass) {
      caught(spec, o, pass);
      return;
    }
    failure = "task " + spec.pathspec() + " failed (attempt " + spec.attempt() + "): " + error
        + " (its output: logs " + spec.pathspec() + ", kept under "
        + ds.storage().root().replaceAll("/$", "") + "/" + ds.flow() + "/" + spec.pathspec() + ")";
    backends.values().forEach(ComputeBackend::killAll);
  }

  /** Passed ({@code @Catch}): its artifacts are its inputs plus the pass's; the flow goes on. */
  private void caught(TaskSpec spec, TaskOutcome o, Recovery.Pass pass) throws IOException {
    Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
    for (TaskRef parent : spec.parents()) {
      artifacts.putAll(ds.result(runId, parent.step(), parent.task()).artifacts());
    }
    for (Map.Entry<String, Object> a : pass.artifacts().entrySet()) {
      artifacts.put(a.getKey(), ds.putArtifact(a.getValue()));
    }
    TaskResult result = new TaskResult(graph.step(spec.step()).transition().targets(), null, 0,
        artifacts);
    ds.saveResult(runId, spec.step(), spec.task(), result);
    records.save(spec, o, TaskStatus.CAUGHT, o.summary(), null);
    events.tell(new RunEvent.CatchApplied(spec, o.summary()));
    passed(spec, result);
  }

  /** {@code spec} is past, leaving {@code result}: the tasks after it are queued. */
  private void passed(TaskSpec spec, TaskResult result) {
    List<TaskSpec> next = successors.after(spec, result);
    events.passed(spec, result, next);
    ready.addAll(next);
  }

  /** On Ctrl-C or SIGTERM: end every task, keep their output, record the run as killed. */
  private void interrupted(RunMeta run, Map<String, ComputeBackend> backends) {
    interrupted = true;
    failure = "interrupted";
    backends.values().forEach(ComputeBackend::killAll);
    try {
      records.killAll();
      ds.saveRun(run.finished(RunStatus.KILLED, System.currentTimeMillis()));
    } catch (IOException e) {
      // the process is going down; the run stays "running", which resume treats as unfinished
    }
    opts.err().println("Run " + graph.flowName() + "/" + run.runId() + " interrupted: its tasks"
        + " were ended; resume it with: resume --origin-run-id " + run.runId());
  }
}
