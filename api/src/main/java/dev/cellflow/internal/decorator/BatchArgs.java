package dev.cellflow.internal.decorator;

import dev.cellflow.Batch;
import dev.cellflow.CellflowException;
import dev.cellflow.Parallel;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code @Batch}'s arguments as text, the form {@code --with batch:k=v} gives them in, so the
 * backend reads both one way. Its element names are the valid keys.
 */
final class BatchArgs {
  private static final Set<String> SIZES = Set.of("cpu", "memory", "gpu");

  private BatchArgs() {}

  /** The elements of {@code b} that differ from their defaults, sizes left out. */
  static Map<String, String> of(Batch b) {
    Map<String, String> args = new LinkedHashMap<>();
    for (Method m : Batch.class.getDeclaredMethods()) {
      if (SIZES.contains(m.getName())) {
        continue;
      }
      try {
        Object v = m.invoke(b);
        if (!Objects.deepEquals(v, m.getDefaultValue())) {
          args.put(m.getName(), v instanceof String[] a ? String.join(",", a) : v.toString());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return Map.copyOf(args);
  }

  /** The keys {@code @Batch} and {@code --with batch} take. */
  static Set<String> keys() {
    return BatchKeys.names();
  }

  /** An error naming the valid keys when {@code w} has another, or a value of the wrong type. */
  static void checkKeys(WithSpec w) {
    for (Map.Entry<String, String> e : w.args().entrySet()) {
      String k = e.getKey();
      if (!keys().contains(k)) {
        throw new CellflowException("--with batch:" + k + "=...: unknown key '" + k
            + "'; batch takes " + String.join(", ", keys()));
      }
      BatchKeys.check("--with batch:", k, e.getValue());
    }
  }

  /**
   * {@code args} with {@code numNodes} from {@code @Parallel}: a multi-node job, which only the
   * Batch backend runs; an error naming the step elsewhere or for fewer than 2 nodes.
   */
  static Map<String, String> withNodes(Parallel p, String backend, String step,
      Map<String, String> args) {
    if (p.nodes() < 2) {
      throw new CellflowException("step '" + step + "': @Parallel(nodes = " + p.nodes()
          + ") must be 2 or more");
    }
    if (!backend.equals("batch")) {
      throw new CellflowException("step '" + step + "': @Parallel runs a step on several nodes"
          + " of an AWS Batch multi-node job; add @Batch to the step or run with --with batch");
    }
    Map<String, String> out = new LinkedHashMap<>(args);
    out.put("numNodes", Integer.toString(p.nodes()));
    return Map.copyOf(out);
  }

  static Map<String, String> withoutSizes(Map<String, String> args) {
    Map<String, String> out = new LinkedHashMap<>(args);
    out.keySet().removeAll(SIZES);
    return Map.copyOf(out);
  }
}
