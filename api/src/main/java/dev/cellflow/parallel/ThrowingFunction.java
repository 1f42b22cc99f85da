package dev.cellflow.parallel;

/**
 * A function that may throw, so that {@code parallelMap} takes any lambda.
 *
 * @param <T> the item type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ThrowingFunction<T, R> {
  /** Applies the function. */
  R apply(T item) throws Exception;
}
