package dev.cellflow.graph;

import java.util.List;

/**
 * A step of a flow's graph.
 *
 * @param name the step's (method's) name
 * @param join whether the step takes {@code Inputs}
 * @param transition what it does when it ends
 * @param line the source line of the transition, or -1
 * @param splitParents the open splits around this step, outermost first (filled by validation)
 */
public record StepNode(
    String name, boolean join, Transition transition, int line, List<String> splitParents) {

  /** A node whose split parents are not yet known. */
  public StepNode(String name, boolean join, Transition transition, int line) {
    this(name, join, transition, line, List.of());
  }

  /** Whether this step opens a split (a branch or a foreach). */
  public boolean isSplit() {
    return transition instanceof Transition.Branch || transition instanceof Transition.Foreach;
  }

  /** The same node with its split parents. */
  StepNode withSplitParents(List<String> parents) {
    return new StepNode(name, join, transition, line, List.copyOf(parents));
  }
}
