package dev.cellflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a {@link FlowSpec} as a step of the flow.
 *
 * <p>A step takes no arguments, or one {@link Inputs} argument when it is a join. It ends with
 * exactly one transition: {@code next(...)} or {@code foreach(...)}, except the step named
 * {@code end}, which ends with none. Every flow has a {@code start} and an {@code end} step.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Step {}
