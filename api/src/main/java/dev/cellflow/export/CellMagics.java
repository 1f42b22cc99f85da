package dev.cellflow.export;

import dev.cellflow.Batch;
import dev.cellflow.CellflowException;
import dev.cellflow.decorator.BatchKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.SourceVersion;

/**
 * What a cell's magic lines say, and its code without them (magic lines become blank lines, so
 * line numbers in messages still match the cell).
 *
 * @param cell the cell
 * @param code its Java code
 * @param flowName the name given by {@code %flow NAME}, else null
 * @param endsFlow whether it holds {@code %flow end}
 * @param resources {@code %resources} arguments, empty without one
 * @param batch {@code %batch} arguments, null without {@code %batch}
 * @param jars paths given by {@code %jars} or {@code %classpath}
 */
public record CellMagics(Cell cell, String code, String flowName, boolean endsFlow,
    Map<String, String> resources, Map<String, String> batch, List<String> jars) {
  private static final Set<String> RESOURCES_KEYS = Set.of("cpu", "memory", "gpu");
  private static final Set<String> FLOW_QUERIES = Set.of("runs", "show", "resume", "export");
  private static final Set<String> BATCH_QUERIES = Set.of("list", "kill", "logs");
  /**
   * {@code %batch} keys that are no job settings: which backend runs a cell, and which of its
   * outputs come back into the notebook (an exported flow keeps them all as artifacts).
   */
  static final Set<String> KERNEL_ONLY = Set.of("backend", "keep", "limit");

  /** The magics of {@code cell}; an error naming the cell for one that export cannot honour. */
  public static CellMagics of(Cell cell) {
    StringBuilder code = new StringBuilder();
    String flow = null;
    boolean end = false;
    Map<String, String> res = new LinkedHashMap<>();
    Map<String, String> batch = null;
    List<String> jars = new ArrayList<>();
    for (String line : cell.source().split("\n", -1)) {
      String t = line.strip();
      if (!t.startsWith("%")) {
        code.append(line).append('\n');
        continue;
      }
      code.append('\n');
      String[] words = t.split("\\s+");
      String where = "cell " + cell.number() + ": " + t + ": ";
      switch (words[0]) {
        case "%flow" -> {
          if (words.length < 2) {
            throw new CellflowException(where + "give the flow's name, as in %flow BigSum");
          }
          if (words[1].equals("end")) {
            end = true;
          } else if (!FLOW_QUERIES.contains(words[1])) {
            if (!SourceVersion.isIdentifier(words[1]) || SourceVersion.isKeyword(words[1])) {
              throw new CellflowException(where + "'" + words[1] + "' is not a valid flow name;"
                  + " it names a Java class: letters, digits and _, not starting with a digit");
            }
            flow = words[1];
          }
        }
        case "%resources" -> res.putAll(args(where, words, RESOURCES_KEYS, true));
        case "%batch" -> {
          if (words.length < 2 || !BATCH_QUERIES.contains(words[1])) {
            batch = args(where, words, batchKeys(), false);
            batch.forEach((k, v) -> checkBatchValue(where, k, v));
          }
        }
        case "%jars", "%classpath" -> jars.addAll(Arrays.asList(words).subList(1, words.length));
        case "%maven" -> throw new CellflowException(where + "export does not resolve Maven"
            + " artifacts; download the jar and add it with %jars PATH instead");
        default -> throw new CellflowException(where + (t.startsWith("%%")
            ? "cell magics are not part of a flow; remove it or move its work into Java code"
            : "unknown magic " + words[0] + "; a flow notebook knows %flow, %resources,"
            + " %batch, %jars and %classpath"));
      }
    }
    return new CellMagics(cell, code.toString(), flow, end, res, batch, jars);
  }

  /** The keys {@code %batch} takes: those of the {@link Batch} annotation, and the kernel's. */
  static Set<String> batchKeys() {
    Set<String> keys = BatchKeys.names();
    keys.addAll(KERNEL_ONLY);
    return keys;
  }

  /** A {@code %batch} value must fit the type of the {@link Batch} element it sets. */
  private static void checkBatchValue(String where, String key, String v) {
    if (!KERNEL_ONLY.contains(key)) {
      BatchKeys.check(where, key, v);
    } else if (key.equals("limit") && !v.matches("\\d+")) {
      throw new CellflowException(where + key + "=" + v + ": " + key + " takes a whole number");
    }
  }

  private static Map<String, String> args(String where, String[] words, Set<String> keys,
      boolean numbers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 1; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      if (eq <= 0) {
        throw new CellflowException(where + "'" + words[i] + "' is not key=value");
      }
      String k = words[i].substring(0, eq);
      String v = words[i].substring(eq + 1);
      if (!keys.contains(k)) {
        throw new CellflowException(where + "unknown key '" + k + "'; it takes "
            + new TreeSet<>(keys));
      }
      if (numbers && !v.matches("\\d+")) {
        throw new CellflowException(where + k + "=" + v + ": " + k + " takes a whole number"
            + " (memory in MB)");
      }
      out.put(k, v);
    }
    return out;
  }
}
