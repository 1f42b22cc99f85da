package dev.cellflow.internal.runtime;

import static dev.cellflow.compute.TaskOutcome.Status.OK;

import dev.cellflow.CellflowException;
import dev.cellflow.TaskStatus;
import dev.cellflow.compute.SplitFrame;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.metadata.TaskMeta;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a resumed run takes from its origin: every task that succeeded there, unless its step is
 * the one resumed from or comes after it. A task of the new run matches an origin task by step
 * and position (its branch and foreach indexes), since task ids differ between runs.
 */
final class Resumption {
  private final int origin;
  private final Map<String, Integer> succeeded = new HashMap<>();
  private final Set<String> rerun = new HashSet<>();

  private Resumption(int origin) {
    this.origin = origin;
  }

  /** What to take from run {@code origin}; with {@code step}, that step and all after it rerun. */
  static Resumption of(FlowDatastore ds, FlowGraph graph, int origin, String step)
      throws IOException {
    Resumption r = new Resumption(origin);
    if (step != null) {
      if (!graph.steps().containsKey(step)) {
        throw new CellflowException("resume " + step + ": flow " + graph.flowName()
            + " has no step '" + step + "'; its steps are " + graph.steps().keySet());
      }
      Deque<String> todo = new ArrayDeque<>(List.of(step));
      while (!todo.isEmpty()) {
        String s = todo.pop();
        if (r.rerun.add(s)) {
          todo.addAll(graph.step(s).transition().targets());
        }
      }
    }
    for (String s : ds.steps(origin)) {
      for (int t : ds.tasks(origin, s)) {
        TaskMeta m = ds.task(origin, s, t);
        if (m != null && m.status() == TaskStatus.SUCCEEDED) {
          r.succeeded.put(key(s, m.splitStack()), t);
        }
      }
    }
    return r;
  }

  /** The origin run's id. */
  int origin() {
    return origin;
  }

  /** The origin task to reuse for a task of {@code step} at {@code stack}, or null to run it. */
  Integer reuse(String step, List<SplitFrame> stack) {
    return rerun.contains(step) ? null : succeeded.get(key(step, stack));
  }

  /**
   * Takes task {@code originTask} of the origin run as {@code spec} of the new one: its cards,
   * its result (artifacts by reference), its logs; an ok outcome with the origin's process.
   */
  TaskOutcome take(FlowDatastore ds, TaskSpec spec, int originTask) throws IOException {
    int run = spec.run();
    ds.saveCards(run, spec.step(), spec.task(), ds.cards(origin, spec.step(), originTask));
    ds.saveResult(run, spec.step(), spec.task(), ds.result(origin, spec.step(), originTask));
    TaskMeta o = ds.task(origin, spec.step(), originTask);
    for (String stream : List.of("stdout", "stderr")) {
      String log = ds.log(origin, spec.step(), originTask, o.attempt(), stream);
      if (!log.isEmpty()) {
        ds.storage().put(ds.logKey(run, spec.step(), spec.task(), 0, stream),
            log.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return new TaskOutcome(OK, "", null, o.pid(), System.currentTimeMillis());
  }

  private static String key(String step, List<SplitFrame> stack) {
    StringBuilder b = new StringBuilder(step);
    for (SplitFrame f : stack) {
      b.append('|').append(f.step()).append(':').append(f.index());
    }
    return b.toString();
  }
}
