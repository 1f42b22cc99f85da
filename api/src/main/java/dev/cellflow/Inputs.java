package dev.cellflow;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs of a join step: one flow instance per incoming branch or foreach split, in
 * branch order or split order, each holding that branch's artifacts.
 *
 * @param <F> the flow's class
 */
public final class Inputs<F extends FlowSpec> implements Iterable<F> {
  private final List<F> flows;
  private final List<String> steps;

  /** Made by the task runner; {@code steps.get(i)} is the step that produced {@code flows.get(i)}. */
  public Inputs(List<F> flows, List<String> steps) {
    this.flows = List.copyOf(flows);
    this.steps = List.copyOf(steps);
  }

  /** The number of inputs. */
  public int size() {
    return flows.size();
  }

  /** The input at position {@code i} (branch order, or foreach index). */
  public F get(int i) {
    return flows.get(i);
  }

  /**
   * The input that came from the step named {@code step} (the last step of a branch).
   *
   * @throws IllegalArgumentException naming the steps that are inputs when none is {@code step}
   */
  public F get(String step) {
    int i = steps.indexOf(step);
    if (i < 0) {
      throw new IllegalArgumentException(
          "no input from step '" + step + "'; the inputs come from " + steps);
    }
    return flows.get(i);
  }

  /** The inputs as a stream, in order. */
  public Stream<F> stream() {
    return flows.stream();
  }

  @Override
  public Iterator<F> iterator() {
    return flows.iterator();
  }
}
