package dev.cellflow.internal.graph;

import dev.cellflow.CellflowException;
import java.util.List;

/** A flow whose graph breaks one or more rules; the message lists every violation found. */
public final class GraphException extends CellflowException {
  private final List<String> problems;

  GraphException(String flow, List<String> problems) {
    super("flow " + flow + " is not a valid graph:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One sentence per violation, each naming the step and the rule. */
  public List<String> problems() {
    return problems;
  }
}
