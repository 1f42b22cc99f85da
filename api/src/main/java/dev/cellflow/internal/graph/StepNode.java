package dev.cellflow.internal.graph;

import java.util.List;
import java.util.Set;

/**
 * A step of a flow's graph.
 *
 * @param name the step's (method's) name
 * @param join whether the step takes {@code Inputs}
 * @param transition what it does when it ends
 * @param line the source line of the transition, or -1
 * @param splitParents the open splits around this step, outermost first (filled by validation)
 * @param touches the artifact fields the step may read or write, or null for all of them
 */
public record StepNode(String name, boolean join, Transition transition, int line,
    List<String> splitParents, Set<String> touches) {

  /** A node whose split parents and touched fields are not yet known. */
  public StepNode(String name, boolean join, Transition transition, int line) {
    this(name, join, transition, line, List.of(), null);
  }

  /** Whether this step opens a split (a branch or a foreach). */
  public boolean isSplit() {
    return transition instanceof Transition.Branch || transition instanceof Transition.Foreach;
  }

  /** The same node with its split parents. */
  StepNode withSplitParents(List<String> parents) {
    return new StepNode(name, join, transition, line, List.copyOf(parents), touches);
  }

  /** The same node with the fields it touches (null: all). */
  StepNode withTouches(Set<String> fields) {
    return new StepNode(name, join, transition, line, splitParents,
        fields == null ? null : Set.copyOf(fields));
  }
}
