package dev.cellflow.internal.runtime;

import static dev.cellflow.compute.TaskOutcome.Status.FAILED;
import static dev.cellflow.compute.TaskOutcome.Status.KILLED;
import static dev.cellflow.compute.TaskOutcome.Status.OK;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.Transition;
import dev.cellflow.internal.metadata.TaskResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A compute backend in this process whose tasks run nowhere: each launched task waits until
 * the test ends it ({@link #succeed}, {@link #fail}), and a successful one leaves the result a
 * real task of its step would (where its transition goes, how many splits a foreach makes) in
 * the run's real datastore. {@link #killAll} ends the tasks still waiting as killed.
 */
final class FakeBackend implements ComputeBackend {
  /** A launched task and how to tell the runner it ended. */
  record Launched(TaskLaunch launch, Consumer<TaskOutcome> done) {
    TaskSpec spec() {
      return launch.spec();
    }

    /** {@code step/task#attempt}. */
    String name() {
      return spec().step() + "/" + spec().task() + "#" + spec().attempt();
    }
  }

  private final FlowDatastore ds;
  private final FlowGraph graph;
  private final BlockingQueue<Launched> launched = new LinkedBlockingQueue<>();
  private final Set<Launched> waiting = new LinkedHashSet<>(); // guarded by this

  FakeBackend(FlowDatastore ds, FlowGraph graph) {
    this.ds = ds;
    this.graph = graph;
  }

  @Override
  public void launch(TaskLaunch launch, Consumer<TaskOutcome> done) {
    Launched l = new Launched(launch, done);
    synchronized (this) {
      waiting.add(l);
    }
    launched.add(l);
  }

  /** The next task launched (waiting at most 10 s for it). */
  Launched next() throws InterruptedException {
    Launched l = launched.poll(10, TimeUnit.SECONDS);
    assertNotNull(l, "no task was launched");
    return l;
  }

  /** The next {@code n} tasks launched, by name. */
  List<Launched> next(int n) throws InterruptedException {
    List<Launched> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(next());
    }
    return out;
  }

  /** Ends {@code l} as a success; a foreach step's task makes {@code splits} splits. */
  void succeed(Launched l, int splits) throws IOException {
    TaskSpec s = l.spec();
    Transition t = graph.step(s.step()).transition();
    String field = t instanceof Transition.Foreach fe ? fe.field() : null;
    ds.saveResult(s.run(), s.step(), s.task(),
        new TaskResult(t.targets(), field, field != null ? splits : 0, Map.of()));
    end(l, new TaskOutcome(OK, "", 0, 0, System.currentTimeMillis()));
  }

  /** Ends {@code l} as a success of a step that is not a foreach. */
  void succeed(Launched l) throws IOException {
    succeed(l, 0);
  }

  /** Ends {@code l} as a failure, {@code why}. */
  void fail(Launched l, String why) {
    end(l, new TaskOutcome(FAILED, why, 1, 0, System.currentTimeMillis()));
  }

  private void end(Launched l, TaskOutcome o) {
    synchronized (this) {
      if (!waiting.remove(l)) {
        throw new IllegalStateException(l.name() + " has ended already");
      }
    }
    l.done().accept(o);
  }

  @Override
  public void killAll() {
    List<Launched> all;
    synchronized (this) {
      all = new ArrayList<>(waiting);
    }
    for (Launched l : all) {
      end(l, new TaskOutcome(KILLED, "killed", null, 0, System.currentTimeMillis()));
    }
  }

  @Override
  public void close() {}
}
