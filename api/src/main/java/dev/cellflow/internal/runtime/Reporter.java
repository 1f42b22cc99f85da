package dev.cellflow.internal.runtime;

import dev.cellflow.TaskStatus;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.Transition;
import dev.cellflow.internal.metadata.TaskResult;
import dev.cellflow.internal.runtime.RunEvent.Ended;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells a run's {@link RunListener} what the runner does, and works out what the runner does
 * not track itself: when a step is finished. A step is finished when it has had a task, none of
 * its tasks is queued, running or waiting for a retry, and every step before it in the graph is
 * finished (only those make its tasks). Called on the runner's thread only.
 */
final class Reporter {
  private final FlowGraph graph;
  private final RunListener listener;
  /** Tasks of each step queued and not yet past (succeeded, reused or caught). */
  private final Map<String, Integer> open = new HashMap<>();
  private final Set<String> finished = new HashSet<>();

  Reporter(FlowGraph graph, RunListener listener) {
    this.graph = graph;
    this.listener = listener;
  }

  void tell(RunEvent event) {
    listener.on(event);
  }

  /** {@code specs} are queued. */
  void queued(List<TaskSpec> specs) {
    for (TaskSpec s : specs) {
      open.merge(s.step(), 1, Integer::sum);
      listener.on(new RunEvent.TaskQueued(s));
    }
  }

  void started(TaskSpec spec) {
    listener.on(new RunEvent.TaskStarted(spec));
  }

  /** An attempt ended with {@code status} as recorded ({@code succeeded}, {@code failed}...). */
  void ended(TaskSpec spec, TaskStatus status, boolean reused, String error) {
    Ended how = status == TaskStatus.SUCCEEDED ? (reused ? Ended.REUSED : Ended.SUCCEEDED)
        : status == TaskStatus.KILLED ? Ended.KILLED : Ended.FAILED;
    listener.on(new RunEvent.TaskEnded(spec, how, how == Ended.SUCCEEDED
        || how == Ended.REUSED ? null : error));
  }

  /** {@code spec} is past (it left {@code result}), and {@code next} are queued after it. */
  void passed(TaskSpec spec, TaskResult result, List<TaskSpec> next) {
    if (graph.step(spec.step()).transition() instanceof Transition.Foreach fe) {
      listener.on(new RunEvent.ForeachFanned(spec, fe.to(), result.foreachCount()));
    }
    queued(next);
    open.merge(spec.step(), -1, Integer::sum);
    finish(spec.step());
  }

  /** Says {@code step} is finished if it is, then the same of the steps after it. */
  private void finish(String step) {
    if (finished.contains(step) || open.getOrDefault(step, -1) != 0) {
      return;
    }
    for (String before : graph.parents(step)) {
      if (!finished.contains(before)) {
        return;
      }
    }
    finished.add(step);
    listener.on(new RunEvent.StepFinished(step));
    for (String after : graph.step(step).transition().targets()) {
      finish(after);
    }
  }
}
