package dev.cellflow.internal.decorator;

/**
 * An attempt of a task that failed, as a {@link StepHook} hears of it.
 *
 * @param step its step
 * @param pathspec its task, {@code RUN/STEP/TASK}
 * @param attempt which attempt, 0 for the first
 * @param error why it failed, in words
 * @param killed whether it was ended on purpose (Ctrl-C, {@code batch kill}): not to be retried
 */
public record FailedAttempt(String step, String pathspec, int attempt, String error,
    boolean killed) {}
