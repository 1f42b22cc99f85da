package dev.cellflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a failed task again. Data only: the runtime does the retrying.
 *
 * <p>Each attempt is a new attempt of the same task, with its own logs ({@code logs --attempt
 * N}). A failure of any kind is retried — an exception, a non-zero exit, running out of memory, a
 * {@link Timeout} — except a run the user stopped. With {@link Catch}, the exception is caught
 * after the last attempt. Metaflow's defaults: 3 more attempts, 2 minutes apart.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Retry {
  /** Attempts after the first; 0 to 4. Default 3. */
  int times() default 3;

  /** Minutes to wait before each retry; 0 or more. Default 2. */
  int minutesBetweenRetries() default 2;
}
