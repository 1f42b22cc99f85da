package dev.cellflow;

import java.io.Serializable;

/**
 * A reference to a join step, as in {@code next(this::join)} where {@code join} takes {@link
 * Inputs}.
 *
 * @param <F> the flow's class
 */
@FunctionalInterface
public interface JoinMethod<F extends FlowSpec> extends Serializable {
  /** Runs the join. */
  void run(Inputs<F> inputs) throws Exception;
}
