package dev.cellflow.internal.decorator;

import java.util.List;

/**
 * What a step decorator does. Its annotation ({@code @Retry}, {@code @Batch}, ...), a
 * notebook magic or a {@code --with NAME:k=v} option is data only; the behaviour is here, in
 * a plugin found by {@link java.util.ServiceLoader} under {@code
 * META-INF/services/dev.cellflow.internal.decorator.StepDecorator}, so a decorator is added
 * without touching the runtime (as JUnit's engine adds an {@code InvocationInterceptor}).
 *
 * <p>It acts twice. When a run is planned, {@link #plan} adds to each step's {@link StepPlan}
 * what the decorator says about that step (its backend, resources, timeout, backend arguments)
 * and returns the decorator's {@link StepHook} for the step, which the runtime asks before the
 * run ({@link StepHook#check}) and after each failed attempt of the step's tasks ({@link
 * StepHook#failed}: retry it, or let the flow go on past it).
 */
public interface StepDecorator {
  /** Its name: {@code --with NAME} names it, and errors about it say it. */
  String name();

  /** Whether {@code --with NAME[:k=v,...]} applies it to every step from the command line. */
  default boolean takesWith() {
    return false;
  }

  /**
   * When it plans among the others, lower first (ties in the order the service files list
   * them): 0 for most; later for one that reads what others planned, as {@code @Parallel}
   * reads the step's backend.
   */
  default int order() {
    return 0;
  }

  /**
   * Adds to {@code plan} what this decorator says about {@code plan.step()}: from its annotation
   * on {@code plan.method()} and from {@code withs}, the {@code --with} options naming it, in
   * command-line order (empty when none does, and always when it does not {@link #takesWith}).
   * The code's own annotation wins over {@code --with}. Bad arguments are a {@link
   * dev.cellflow.CellflowException} naming the step.
   *
   * @return its hook for the step's tasks, or null when it does nothing to them
   */
  StepHook plan(StepPlan.Builder plan, List<WithSpec> withs);
}
