package dev.cellflow;

import java.io.Serializable;

/**
 * A reference to a step that takes no inputs, as in {@code next(this::end)}.
 *
 * <p>Serializable so that the runtime can read the referenced method's name.
 */
@FunctionalInterface
public interface StepMethod extends Serializable {
  /** Runs the step. */
  void run() throws Exception;
}
