package dev.cellflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the flow go on when the step fails (after its {@link Retry} attempts): the step's
 * artifacts are those it started from, the failure is stored as a {@link StepFailure} in the
 * field {@link #var()} (when given), and the flow continues with the step's transition. For steps
 * whose transition is a single {@code next(...)} (or the end step); not for joins. Data only: the
 * runtime does the catching.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Catch {
  /** The field (of type {@link StepFailure} or Object) that receives the failure; none when empty. */
  String var() default "";
}
