package dev.cellflow;

import java.io.Serializable;

/**
 * A failure that {@link Catch} caught, as later steps see it.
 *
 * @param step the step that failed
 * @param task the task's pathspec {@code RUN/STEP/TASK}
 * @param attempts how many attempts were made
 * @param message why the last attempt failed, in words
 */
public record StepFailure(String step, String task, int attempts, String message)
    implements Serializable {}
