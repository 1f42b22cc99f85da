package dev.cellflow.internal.notebook;

import dev.cellflow.CellflowException;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * Lambdas and method references a {@code %batch} cell's task meets: one travels as a {@link
 * SerializedLambda} naming the class that made it, and is rebuilt by that class's {@code
 * $deserializeLambda$}. The kernel side (which snippets made the lambdas a cell reads) is the
 * kernel's {@code LambdaMakers}.
 */
public final class CellLambdas {
  private CellLambdas() {}

  /**
   * Why {@code value}, an output of a {@code %batch} cell, cannot come back, or null: a lambda
   * made in the cell itself is rebuilt by the cell's class, which only the task has.
   */
  public static String madeInCell(Object value) {
    if (value instanceof Serializable && value != null && isLambda(value.getClass())
        && serialized(value).getCapturingClass().replace('/', '.')
            .equals(CellClasses.CELL_CLASS)) {
      return "a lambda made in a %batch cell cannot come back to the kernel, which does not"
          + " have the cell's code; write it in a kernel cell before the %batch cell";
    }
    return null;
  }

  /** Whether {@code c} is the class of a lambda or method reference. */
  public static boolean isLambda(Class<?> c) {
    return c.isSynthetic() && c.getName().contains("$$Lambda");
  }

  /** The form {@code lambda} is serialized in. */
  public static SerializedLambda serialized(Object lambda) {
    try {
      Method m = lambda.getClass().getDeclaredMethod("writeReplace");
      m.setAccessible(true);
      return (SerializedLambda) m.invoke(lambda);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new CellflowException("cannot read the lambda " + lambda.getClass().getName()
          + ": " + e, e);
    }
  }
}
