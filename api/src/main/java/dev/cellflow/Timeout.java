package dev.cellflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Ends a task that runs longer than the sum of {@code seconds}, {@code minutes} and {@code
 * hours}: its process is killed and the task fails ("timed out"), and is retried like any failure
 * when the step has {@link Retry}. Data only: the compute backend enforces it. Without it, local
 * tasks run as long as they need; on AWS Batch the default is 5 days.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Timeout {
  /** Seconds. */
  int seconds() default 0;

  /** Minutes. */
  int minutes() default 0;

  /** Hours. */
  int hours() default 0;
}
