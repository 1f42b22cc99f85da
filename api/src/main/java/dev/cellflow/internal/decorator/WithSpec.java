package dev.cellflow.internal.decorator;

import dev.cellflow.compute.StepResources;
import dev.cellflow.CellflowException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code --with NAME[:k=v,...]} option: a decorator applied to every step from the command
 * line. The code's own annotations win over it where they conflict.
 *
 * @param name the decorator ({@code resources}, {@code batch})
 * @param args its arguments as text
 */
public record WithSpec(String name, Map<String, String> args) {
  /** Parses {@code batch:cpu=4,memory=10000}. */
  public static WithSpec parse(String text) {
    int colon = text.indexOf(':');
    String name = (colon < 0 ? text : text.substring(0, colon)).trim();
    if (name.isEmpty()) {
      throw new CellflowException("--with '" + text + "': give a decorator name, as in"
          + " --with resources:memory=8000");
    }
    Map<String, String> args = new LinkedHashMap<>();
    if (colon >= 0 && colon < text.length() - 1) {
      for (String kv : text.substring(colon + 1).split(",")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new CellflowException("--with " + text + ": '" + kv + "' is not key=value");
        }
        args.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    return new WithSpec(name, args);
  }

  /** The integer argument {@code key}, or {@code dflt}; an error naming it when not a number. */
  public int intArg(String key, int dflt) {
    String v = args.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new CellflowException("--with " + name + ":" + key + "=" + v + ": " + key
          + (v.trim().matches("\\d+") ? " is too large (at most " + Integer.MAX_VALUE + ")"
              : " takes a whole number"));
    }
  }

  /**
   * The sizes this option gives ({@code cpu}, {@code memory}, {@code gpu}), 0 for a key it leaves
   * out, checked; {@code source} ({@code --with batch}) and {@code step} name it in an error.
   */
  public StepResources sizes(String source, String step) {
    StepResources given = new StepResources(intArg("cpu", 1), intArg("memory", 1),
        intArg("gpu", 0)).checked(source, step);
    return new StepResources(args.containsKey("cpu") ? given.cpu() : 0,
        args.containsKey("memory") ? given.memory() : 0, given.gpu());
  }
}
