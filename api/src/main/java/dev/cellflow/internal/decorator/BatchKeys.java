package dev.cellflow.internal.decorator;

import dev.cellflow.Batch;
import dev.cellflow.CellflowException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one vocabulary of {@code @Batch}, {@code --with batch:k=v} and the {@code %batch} line of a
 * notebook or script: the keys are the annotation's element names, and a value given as text
 * must fit its element's type. A list element ({@code hostVolumes}, {@code logOptions}, ...)
 * takes its items separated by {@code ;} ({@code ,} also does in {@code %batch} lines, where
 * commas separate nothing else; on the command line {@code --with} uses commas between keys).
 */
public final class BatchKeys {
  private BatchKeys() {}

  /** The keys, sorted. */
  public static Set<String> names() {
    Set<String> keys = new TreeSet<>();
    for (Method m : Batch.class.getDeclaredMethods()) {
      keys.add(m.getName());
    }
    return keys;
  }

  /** Whether {@code key} takes a list of items. */
  public static boolean isList(String key) {
    return type(key) == String[].class;
  }

  /**
   * An error naming {@code key}, {@code where} it was given and what it takes when {@code value}
   * does not fit its type; {@code key} must be one of {@link #names}.
   */
  public static void check(String where, String key, String value) {
    Class<?> type = type(key);
    if (type == int.class && !value.strip().matches("\\d+")) {
      throw new CellflowException(where + key + "=" + value + ": " + key
          + " takes a whole number");
    }
    if (type == boolean.class && !value.strip().equals("true")
        && !value.strip().equals("false")) {
      throw new CellflowException(where + key + "=" + value + ": " + key + " takes true or false");
    }
  }

  /** {@code value} with its list items separated by {@code ;}, for a {@code --with} value. */
  public static String asWithValue(String key, String value) {
    return isList(key) ? value.replace(',', ';') : value;
  }

  private static Class<?> type(String key) {
    try {
      return Batch.class.getMethod(key).getReturnType();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("not a @Batch element: " + key, e);
    }
  }
}
