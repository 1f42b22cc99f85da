package dev.cellflow.internal.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated flow graph: steps by name, in the order they were declared. */
public final class FlowGraph {
  private final String flowName;
  private final Map<String, StepNode> steps;

  FlowGraph(String flowName, Map<String, StepNode> steps) {
    this.flowName = flowName;
    this.steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
  }

  /** The flow's name (its class's simple name). */
  public String flowName() {
    return flowName;
  }

  /** All steps. */
  public Map<String, StepNode> steps() {
    return steps;
  }

  /** The step named {@code name}; an error when there is none. */
  public StepNode step(String name) {
    StepNode n = steps.get(name);
    if (n == null) {
      throw new IllegalArgumentException(
          "flow " + flowName + " has no step '" + name + "'; its steps are " + steps.keySet());
    }
    return n;
  }

  /** The steps whose transitions lead to {@code name}. */
  public List<String> parents(String name) {
    List<String> out = new ArrayList<>();
    for (StepNode n : steps.values()) {
      if (n.transition().targets().contains(name)) {
        out.add(n.name());
      }
    }
    return out;
  }

  /** The split that the join {@code join} closes. */
  public StepNode splitClosedBy(String join) {
    List<String> sp = step(parents(join).get(0)).splitParents();
    return step(sp.get(sp.size() - 1));
  }

  /** The steps in a breadth-first order from start, for display. */
  public List<StepNode> inOrder() {
    List<StepNode> out = new ArrayList<>();
    List<String> queue = new ArrayList<>(List.of("start"));
    while (!queue.isEmpty()) {
      String s = queue.remove(0);
      StepNode n = steps.get(s);
      if (n == null || out.contains(n)) {
        continue;
      }
      out.add(n);
      queue.addAll(n.transition().targets());
    }
    return out;
  }
}
