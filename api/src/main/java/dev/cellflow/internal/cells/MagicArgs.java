package dev.cellflow.internal.cells;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A magic's arguments: words, then {@code key=value} options from a declared set, or {@code
 * --help}. Every mistake is an error that names the magic, the argument and what it takes.
 *
 * @param magic the magic's name, for messages ({@code %batch})
 * @param words the arguments that are not options, in order
 * @param options the options by key
 * @param help whether {@code --help} (or {@code -h}) was given
 */
public record MagicArgs(String magic, List<String> words, Map<String, String> options,
    boolean help) {

  /** Parses {@code args}; options must be among {@code keys} (key to what it takes). */
  public static MagicArgs parse(String magic, List<String> args, Map<String, String> keys) {
    List<String> words = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    boolean help = false;
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
      } else if (a.startsWith("-")) {
        throw new MagicException(magic + ": unknown flag '" + a + "'; options are written key=value"
            + " (" + String.join(", ", keys.keySet()) + "); see " + magic + " --help");
      } else if (a.contains("=")) {
        String k = a.substring(0, a.indexOf('='));
        String v = a.substring(a.indexOf('=') + 1);
        if (!keys.containsKey(k)) {
          throw new MagicException(magic + ": unknown option '" + k + "'; it takes "
              + (keys.isEmpty() ? "no options" : String.join(", ", keys.keySet()))
              + "; see " + magic + " --help");
        }
        if (v.isEmpty()) {
          throw new MagicException(magic + ": option " + k + "= has no value; write " + k + "="
              + keys.get(k));
        }
        if (options.put(k, v) != null) {
          throw new MagicException(magic + ": option " + k + " is given twice");
        }
      } else {
        words.add(a);
      }
    }
    return new MagicArgs(magic, List.copyOf(words), options, help);
  }

  /** Option {@code key} as a whole number at least {@code min}, or {@code dflt} when absent. */
  public int intOption(String key, int dflt, int min, String unit) {
    String v = options.get(key);
    if (v == null) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      if (v.trim().matches("\\d+")) {
        throw new MagicException(magic + ": " + key + "=" + v.trim() + " is too large; " + key
            + " is at most " + Integer.MAX_VALUE);
      }
      throw new MagicException(magic + ": " + key + " takes a whole number" + unit + " (" + key
          + "=" + Math.max(dflt, min) + "), not '" + v + "'");
    }
    if (n < min) {
      throw new MagicException(magic + ": " + key + "=" + n + " is out of range; " + key
          + " is at least " + min);
    }
    return n;
  }

  /** Option {@code key}, or {@code dflt}. */
  public String option(String key, String dflt) {
    return options.getOrDefault(key, dflt);
  }

  /** An error when more than {@code max} words were given. */
  public void atMostWords(int max, String usage) {
    if (words.size() > max) {
      throw new MagicException(magic + ": unexpected '" + words.get(max) + "'; usage: " + usage);
    }
  }
}
