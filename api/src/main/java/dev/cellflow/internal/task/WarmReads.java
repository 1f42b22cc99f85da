package dev.cellflow.internal.task;

import dev.cellflow.CellflowException;
import dev.cellflow.compute.SplitFrame;
import dev.cellflow.compute.TaskRef;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.TaskResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What a warm task process keeps between the tasks of a run that it reads again and again: the
 * result of the last parent task, and the last foreach collection. Both are read from
 * content-addressed or written-once objects, so a kept copy is always right.
 */
final class WarmReads {
  private WarmReads() {}

  /** The result of the last parent task this worker read, by its key. */
  private record Parent(String key, TaskResult result) {}

  private static volatile Parent lastParent;

  /**
   * The result of task {@code parent} ({@code step/task}) of {@code run}. The splits of a foreach
   * all start from the foreach task, and a worker runs them one after another: its result is
   * read once, not once per split. A result never changes once written.
   */
  static TaskResult parentResult(FlowDatastore ds, int run, TaskRef parent)
      throws IOException {
    String key = ds.storage().root() + "/" + ds.flow() + "/" + run + "/" + parent;
    Parent last = lastParent;
    if (last != null && last.key().equals(key)) {
      return last.result();
    }
    TaskResult r = ds.result(run, parent.step(), parent.task());
    lastParent = new Parent(key, r);
    return r;
  }

  /**
   * The last foreach collection this worker read, as a list, by its content key. The splits of
   * one foreach run one after another on the same few workers; without this, each split read
   * and deserialized the whole collection to pick one element, a cost that grew with the number
   * of splits. Content-addressed bytes never change, so the key identifies the value exactly.
   */
  private record ForeachValues(String key, ClassLoader loader, List<?> values) {}

  private static volatile ForeachValues lastForeach;

  static Object foreachInput(FlowDatastore ds, int run, TaskResult parent, SplitFrame top,
      ClassLoader loader) throws IOException {
    String field = parent.foreachField();
    ArtifactRef ref = parent.artifacts().get(field);
    ForeachValues cached = lastForeach;
    if (ref != null && cached != null && cached.key().equals(ref.key())
        && top.index() < cached.values().size()) {
      Object v = cached.values().get(top.index());
      // read by another loader, an element of the flow's own type is of another class; one of
      // the JDK's is the same for every loader. Without this a flow with state (a new loader per
      // task) read the whole collection again for each split: a cost growing with the splits.
      if (immutable(v) && (cached.loader() == loader || v == null
          || v.getClass().getClassLoader() == null)) {
        return v;
      }
      // a mutable element is not shared between tasks: this one gets its own copy below
    }
    Object all = ref == null ? null : ds.getArtifact(ref, loader, field,
        ds.flow() + "/" + run + "/" + top.step() + "/" + top.task());
    Iterator<?> it = TaskRunner.iterate(all, top.step(), field);
    List<Object> values = new ArrayList<>();
    it.forEachRemaining(values::add);
    if (top.index() >= values.size()) {
      throw new CellflowException("step '" + top.step() + "': foreach field '" + field
          + "' has " + values.size() + " elements, no element " + top.index());
    }
    if (ref != null && ref.key() != null) {
      lastForeach = new ForeachValues(ref.key(), loader, values);
    }
    return values.get(top.index());
  }

  /** Whether {@code v} is of a JDK type whose instances cannot change, so may be shared. */
  private static boolean immutable(Object v) {
    return v == null || v instanceof String || v instanceof Integer || v instanceof Long
        || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte
        || v instanceof Character || v instanceof Boolean || v instanceof Enum<?>
        || v instanceof java.math.BigInteger || v instanceof java.math.BigDecimal;
  }
}
