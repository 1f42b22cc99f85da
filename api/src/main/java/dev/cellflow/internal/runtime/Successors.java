package dev.cellflow.internal.runtime;

import dev.cellflow.compute.SplitFrame;
import dev.cellflow.compute.TaskRef;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.StepNode;
import dev.cellflow.internal.graph.Transition;
import dev.cellflow.internal.metadata.TaskResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What follows a finished task: the tasks of the next step, one per branch or foreach split, and
 * joins, which wait until every path of their split has arrived.
 */
final class Successors {
  /** Makes a task spec for a step, its parents and its open splits. */
  interface Specs {
    TaskSpec spec(String step, List<TaskRef> parents, List<SplitFrame> stack);
  }

  private final FlowGraph graph;
  private final Specs specs;
  private final Map<String, Map<Integer, TaskRef>> joins = new HashMap<>();

  Successors(FlowGraph graph, Specs specs) {
    this.graph = graph;
    this.specs = specs;
  }

  /** The tasks that can start now that {@code spec} has left {@code result}. */
  List<TaskSpec> after(TaskSpec spec, TaskResult result) {
    StepNode node = graph.step(spec.step());
    TaskRef me = new TaskRef(spec.step(), spec.task());
    List<SplitFrame> stack = spec.splitStack();
    List<TaskSpec> out = new ArrayList<>();
    Transition t = node.transition();
    if (t instanceof Transition.Linear l) {
      if (graph.step(l.to()).join()) {
        arrive(l.to(), stack, me, out);
      } else {
        out.add(specs.spec(l.to(), List.of(me), stack));
      }
    } else if (t instanceof Transition.Branch b) {
      for (int i = 0; i < b.targets().size(); i++) {
        out.add(specs.spec(b.targets().get(i), List.of(me), push(stack,
            new SplitFrame(spec.step(), spec.task(), i, b.targets().size(), false))));
      }
    } else if (t instanceof Transition.Foreach fe) {
      int n = result.foreachCount();
      for (int i = 0; i < n; i++) {
        out.add(specs.spec(fe.to(), List.of(me), push(stack,
            new SplitFrame(spec.step(), spec.task(), i, n, true))));
      }
    }
    return out;
  }

  private void arrive(String join, List<SplitFrame> stack, TaskRef parent, List<TaskSpec> out) {
    SplitFrame top = stack.get(stack.size() - 1);
    List<SplitFrame> outer = List.copyOf(stack.subList(0, stack.size() - 1));
    String key = join + "|" + outer;
    Map<Integer, TaskRef> arrived = joins.computeIfAbsent(key, k -> new HashMap<>());
    arrived.put(top.index(), parent);
    if (arrived.size() == top.count()) {
      joins.remove(key);
      List<TaskRef> parents = new ArrayList<>();
      for (int i = 0; i < top.count(); i++) {
        parents.add(arrived.get(i));
      }
      out.add(specs.spec(join, parents, outer));
    }
  }

  private static List<SplitFrame> push(List<SplitFrame> stack, SplitFrame f) {
    List<SplitFrame> out = new ArrayList<>(stack);
    out.add(f);
    return List.copyOf(out);
  }
}
