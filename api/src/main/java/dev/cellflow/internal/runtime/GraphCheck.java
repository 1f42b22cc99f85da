package dev.cellflow.internal.runtime;

import dev.cellflow.internal.graph.StepNode;
import dev.cellflow.internal.graph.Transition;
import dev.cellflow.internal.metadata.TaskResult;
import java.util.Objects;

/** Checks at run time that a task went where the graph, read from its bytecode, said it would. */
final class GraphCheck {
  private GraphCheck() {}

  /** Null when {@code result} follows {@code node}'s transition, else what differs, in words. */
  static String mismatch(StepNode node, TaskResult result) {
    Transition t = node.transition();
    String field = t instanceof Transition.Foreach fe ? fe.field() : null;
    if (!result.next().equals(t.targets()) || !Objects.equals(field, result.foreachField())) {
      return "step '" + node.name() + "' went to " + result.next()
          + (result.foreachField() != null ? " (foreach over '" + result.foreachField() + "')" : "")
          + " while running, but its graph says " + t.targets()
          + (field != null ? " (foreach over '" + field + "')" : "")
          + "; a step's transition must not depend on data";
    }
    return null;
  }
}
