package dev.cellflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a field of a flow a run parameter, set on the command line as {@code --name value}.
 *
 * <p>The field's initializer is the default. Supported types: {@code String}, the primitive
 * types and their boxes, and enums. A parameter is an artifact like any other field: every
 * step sees it, and the Client API reads it from any task.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Parameter {
  /** The option's name; when empty, the field's name in kebab-case ({@code waitMs}: {@code --wait-ms}). */
  String name() default "";

  /** One line shown by {@code run --help}. */
  String help() default "";

  /** When true, {@code run} fails unless the option is given. */
  boolean required() default false;
}
