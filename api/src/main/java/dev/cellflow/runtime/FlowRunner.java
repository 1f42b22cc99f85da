package dev.cellflow.runtime;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.RunContext;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskLogs;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.compute.local.LocalBackend;
import dev.cellflow.datastore.FlowDatastore;
import dev.cellflow.decorator.StepPlan;
import dev.cellflow.decorator.WithSpec;
import dev.cellflow.graph.FlowGraph;
import dev.cellflow.graph.StepNode;
import dev.cellflow.graph.Transition;
import dev.cellflow.metadata.RunMeta;
import dev.cellflow.metadata.SplitFrame;
import dev.cellflow.metadata.TaskMeta;
import dev.cellflow.metadata.TaskResult;
import dev.cellflow.task.TaskSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a flow: schedules its tasks on the compute backends, at most {@code maxWorkers} at once,
 * in the order the graph allows; branches and foreach splits run in parallel, a join starts when
 * all of its inputs are done. The first failure stops the run and ends the tasks still running.
 */
public final class FlowRunner {
  /** How to run. */
  public record Options(int maxWorkers, int maxNumSplits, String datastore, String datastoreRoot,
      List<String> tags, List<String> withs, PrintStream out, PrintStream err) {}

  private record Finished(TaskSpec spec, TaskOutcome outcome, TaskLogs logs) {}

  private final Class<? extends FlowSpec> flow;
  private final FlowGraph graph;
  private final FlowDatastore ds;
  private final Options opts;
  private final Map<String, StepPlan> plans = new LinkedHashMap<>();
  private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
  private final Deque<TaskSpec> ready = new ArrayDeque<>();
  private final Map<String, Map<Integer, String>> joins = new HashMap<>();
  private int running;
  private int nextTask = 1;
  private String failure;

  /** A runner for {@code flow}, whose validated graph is {@code graph}. */
  public FlowRunner(Class<? extends FlowSpec> flow, FlowGraph graph, FlowDatastore ds,
      Options opts) {
    this.flow = flow;
    this.graph = graph;
    this.ds = ds;
    this.opts = opts;
    List<WithSpec> withs = opts.withs().stream().map(WithSpec::parse).toList();
    for (String step : graph.steps().keySet()) {
      plans.put(step, StepPlan.of(stepMethod(step), withs));
    }
  }

  /** The plan of every step: backend and resources. */
  public Map<String, StepPlan> plans() {
    return plans;
  }

  /** Runs the flow with {@code parameters}; returns the run's final record. */
  public RunMeta run(Map<String, String> parameters, String user) throws IOException {
    RunContext ctx = new RunContext(ds, System.getProperty("java.class.path"), opts.maxWorkers(),
        opts.withs());
    Map<String, ComputeBackend> backends = Backends.open(plans.values(), ctx);
    if (backends.get("local") instanceof LocalBackend local
        && plans.get("start").backend().equals("local")) {
      local.prestart(plans.get("start").resources());
    }
    RunMeta run = ds.newRun(new RunMeta(graph.flowName(), flow.getName(), 0, user, "running",
        System.currentTimeMillis(), 0, parameters, opts.tags()));
    opts.out().println("Run " + graph.flowName() + "/" + run.runId() + " starting (datastore "
        + ds.storage().root() + ")");
    Thread hook = new Thread(() -> interrupted(run, backends), "cellflow-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ready.add(spec(run.runId(), "start", List.of(), List.of()));
      loop(run.runId(), backends);
    } finally {
      backends.values().forEach(ComputeBackend::close);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running
      }
    }
    String status = failure == null ? "succeeded" : "failed";
    RunMeta done = run.finished(status, System.currentTimeMillis());
    ds.saveRun(done);
    double secs = (done.finishedAt() - done.startedAt()) / 1000.0;
    if (failure == null) {
      opts.out().printf("Run %s/%d succeeded in %.2f s%n", graph.flowName(), run.runId(), secs);
    } else {
      opts.err().printf("Run %s/%d failed in %.2f s: %s%n", graph.flowName(), run.runId(), secs,
          failure);
    }
    return done;
  }

  private void loop(int run, Map<String, ComputeBackend> backends) throws IOException {
    while (true) {
      while (failure == null && running < opts.maxWorkers() && !ready.isEmpty()) {
        launch(ready.poll(), backends);
      }
      if (running == 0) {
        return;
      }
      Finished f;
      try {
        f = finished.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CellflowException("interrupted");
      }
      running--;
      handle(run, f, backends);
    }
  }

  private void launch(TaskSpec spec, Map<String, ComputeBackend> backends) throws IOException {
    StepPlan plan = plans.get(spec.step());
    TaskLogs logs = new TaskLogs(ds, spec.run(), spec.step(), spec.task(), opts.out(),
        opts.err());
    running++;
    backends.get(plan.backend()).launch(new TaskLaunch(spec, plan.resources(), logs),
        outcome -> finished.add(new Finished(spec, outcome, logs)));
  }

  private void handle(int run, Finished f, Map<String, ComputeBackend> backends)
      throws IOException {
    TaskSpec spec = f.spec();
    TaskOutcome o = f.outcome();
    f.logs().close();
    String status = o.ok() ? "succeeded" : (failure != null ? "killed" : "failed");
    ds.saveTask(run, new TaskMeta(spec.step(), spec.task(), 0, status, o.startedAt(),
        System.currentTimeMillis(), o.pid(), o.exitCode(), spec.parents(), spec.splitStack(),
        o.ok() ? null : o.summary()));
    if (!o.ok()) {
      if (failure == null) {
        failure = "task " + spec.pathspec() + " failed: " + o.summary() + " (its output: logs "
            + spec.pathspec() + ")";
        backends.values().forEach(ComputeBackend::killAll);
      }
      return;
    }
    if (failure != null) {
      return;
    }
    TaskResult result = ds.result(run, spec.step(), spec.task());
    StepNode node = graph.step(spec.step());
    String wrong = GraphCheck.mismatch(node, result);
    if (wrong != null) {
      failure = "task " + spec.pathspec() + " failed: " + wrong;
      ds.saveTask(run, new TaskMeta(spec.step(), spec.task(), 0, "failed", o.startedAt(),
          System.currentTimeMillis(), o.pid(), o.exitCode(), spec.parents(), spec.splitStack(),
          wrong));
      backends.values().forEach(ComputeBackend::killAll);
      return;
    }
    successors(spec, node, result);
  }

  private void successors(TaskSpec spec, StepNode node, TaskResult result) {
    String me = spec.step() + "/" + spec.task();
    List<SplitFrame> stack = spec.splitStack();
    Transition t = node.transition();
    if (t instanceof Transition.Linear l) {
      if (graph.step(l.to()).join()) {
        arriveAtJoin(spec.run(), l.to(), stack, me);
      } else {
        ready.add(spec(spec.run(), l.to(), List.of(me), stack));
      }
    } else if (t instanceof Transition.Branch b) {
      for (int i = 0; i < b.targets().size(); i++) {
        ready.add(spec(spec.run(), b.targets().get(i), List.of(me), push(stack,
            new SplitFrame(spec.step(), spec.task(), i, b.targets().size(), false))));
      }
    } else if (t instanceof Transition.Foreach fe) {
      int n = result.foreachCount();
      for (int i = 0; i < n; i++) {
        ready.add(spec(spec.run(), fe.to(), List.of(me), push(stack,
            new SplitFrame(spec.step(), spec.task(), i, n, true))));
      }
    }
  }

  private void arriveAtJoin(int run, String join, List<SplitFrame> stack, String parent) {
    SplitFrame top = stack.get(stack.size() - 1);
    List<SplitFrame> outer = stack.subList(0, stack.size() - 1);
    String key = join + "|" + outer;
    Map<Integer, String> arrived = joins.computeIfAbsent(key, k -> new HashMap<>());
    arrived.put(top.index(), parent);
    if (arrived.size() == top.count()) {
      joins.remove(key);
      List<String> parents = new ArrayList<>();
      for (int i = 0; i < top.count(); i++) {
        parents.add(arrived.get(i));
      }
      ready.add(spec(run, join, parents, List.copyOf(outer)));
    }
  }

  private static List<SplitFrame> push(List<SplitFrame> stack, SplitFrame f) {
    List<SplitFrame> out = new ArrayList<>(stack);
    out.add(f);
    return List.copyOf(out);
  }

  private TaskSpec spec(int run, String step, List<String> parents, List<SplitFrame> stack) {
    return new TaskSpec(flow.getName(), step, run, nextTask++, opts.datastore(),
        ds.storage().root(), parents, stack, opts.maxNumSplits());
  }

  private Method stepMethod(String step) {
    for (Class<?> c = flow; c != FlowSpec.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(step) && !m.isBridge()) {
          return m;
        }
      }
    }
    throw new IllegalStateException("no method for step " + step);
  }

  /** On Ctrl-C or SIGTERM: end every task and record the run as killed. */
  private void interrupted(RunMeta run, Map<String, ComputeBackend> backends) {
    backends.values().forEach(ComputeBackend::killAll);
    try {
      ds.saveRun(run.finished("killed", System.currentTimeMillis()));
    } catch (IOException e) {
      // the process is going down; the run stays "running", which resume treats as unfinished
    }
    opts.err().println("Run " + graph.flowName() + "/" + run.runId() + " interrupted: its tasks"
        + " were ended");
  }
}
