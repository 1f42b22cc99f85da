package dev.cellflow.internal.task;

import dev.cellflow.CellflowException;
import dev.cellflow.Parameter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** A flow's {@link Parameter} fields: their names, types, and values from text. */
public final class Parameters {
  private Parameters() {}

  // compiled once: a flow with state reflects over a new copy of its class for each task
  private static final Pattern HUMP = Pattern.compile("([a-z0-9])([A-Z])");

  /** A parameter: its option name, its field, its help. */
  public record Param(String name, Field field, String help, boolean required) {}

  /** The parameters of {@code flow}, in declaration order. */
  public static List<Param> of(Class<?> flow) {
    List<Param> out = new ArrayList<>();
    for (Field f : dev.cellflow.FlowSpec.Artifacts.fields(flow)) {
      Parameter p = f.getAnnotation(Parameter.class);
      if (p != null) {
        // Java's camelCase field, the command line's kebab-case option: waitMs is --wait-ms
        String name = p.name().isEmpty()
            ? HUMP.matcher(f.getName()).replaceAll("$1-$2").toLowerCase(Locale.ROOT)
            : p.name();
        out.add(new Param(name, f, p.help(), p.required()));
      }
    }
    return out;
  }

  /** Sets every parameter of {@code flow} found in {@code values}. */
  public static void apply(Object flow, Map<String, String> values) {
    apply(flow, of(flow.getClass()), values);
  }

  /** Sets each of {@code params} (the parameters of {@code flow}'s class) found in {@code values}. */
  public static void apply(Object flow, List<Param> params, Map<String, String> values) {
    for (Param p : params) {
      String v = values.get(p.name());
      if (v == null) {
        continue;
      }
      try {
        p.field().set(flow, parse(p.field().getType(), v, p.name()));
      } catch (IllegalAccessException e) {
        throw new CellflowException("cannot set parameter field " + p.field().getName(), e);
      }
    }
  }

  /** {@code text} as a value of {@code type}; an error naming the option when it is not one. */
  public static Object parse(Class<?> type, String text, String option) {
    try {
      if (type == String.class) {
        return text;
      } else if (type == int.class || type == Integer.class) {
        return Integer.parseInt(text.trim());
      } else if (type == long.class || type == Long.class) {
        return Long.parseLong(text.trim());
      } else if (type == double.class || type == Double.class) {
        return Double.parseDouble(text.trim());
      } else if (type == float.class || type == Float.class) {
        return Float.parseFloat(text.trim());
      } else if (type == boolean.class || type == Boolean.class) {
        String t = text.trim();
        if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException();
        }
        return Boolean.parseBoolean(t);
      } else if (type.isEnum()) {
        for (Object c : type.getEnumConstants()) {
          if (((Enum<?>) c).name().equalsIgnoreCase(text.trim())) {
            return c;
          }
        }
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new CellflowException("--" + option + ": '" + text + "' is not a valid "
          + describe(type));
    }
    throw new CellflowException("parameter '" + option + "' has type " + type.getSimpleName()
        + "; a @Parameter is a String, a number, a boolean or an enum");
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        names.add(((Enum<?>) c).name());
      }
      return "value, one of " + names;
    }
    return type.getSimpleName().toLowerCase(java.util.Locale.ROOT).replace("integer", "int");
  }

  /** Whether {@code type} can be a parameter. */
  public static boolean supported(Class<?> type) {
    return type == String.class || type.isPrimitive() && type != char.class && type != byte.class
        && type != short.class || type == Integer.class || type == Long.class
        || type == Double.class || type == Float.class || type == Boolean.class || type.isEnum();
  }
}
