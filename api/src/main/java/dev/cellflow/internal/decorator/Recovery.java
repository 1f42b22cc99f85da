package dev.cellflow.internal.decorator;

import java.util.Map;

/**
 * What a {@link StepHook} makes of a failed attempt. When several hooks of a step answer, a
 * {@link Retry} comes first (a step is caught only after its last attempt), then the first
 * {@link Pass} in the decorators' order.
 */
public sealed interface Recovery {
  /**
   * Run the task again, after {@code delaySeconds}.
   *
   * @param delaySeconds the wait before the next attempt
   * @param attempts how many attempts the task gets in all, for the run's messages
   */
  record Retry(long delaySeconds, int attempts) implements Recovery {}

  /**
   * Let the flow go on past the task as if it had succeeded (its status is {@code caught}):
   * its artifacts are those it started from plus {@code artifacts}. Only for a step that has one
   * way on, which the hook's {@link StepHook#check} makes sure of: not a join, and ending with
   * one {@code next(...)} or the end (as {@code @Catch} checks).
   *
   * @param artifacts the values to store with it, by artifact name
   */
  record Pass(Map<String, Object> artifacts) implements Recovery {}
}
