package dev.cellflow.internal.task;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.compute.TaskRef;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.TaskResult;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The inputs of a join task, read as the step uses them: an input's artifacts are read when the
 * step first asks for that input, only those the step's bytecode can touch ({@code touches}, or
 * all where it cannot tell), and each stored object at most once however many inputs hold it.
 *
 * <p>Why: a join used to read every artifact of every input before it ran, a full copy each.
 * After a foreach of 100 splits over a 50 MB artifact set in {@code start}, that was 5 GB for a
 * join that read one number per split, and the foreach's own list, read once per split, made a
 * 20,000-split join quadratic (6.5 minutes). Stored objects are content-addressed and never
 * change, so one value per address is exact; values are held weakly, by the inputs that use
 * them, so what no input holds any more can be collected.
 */
final class JoinInputs {
  private final FlowDatastore ds;
  private final int run;
  private final List<TaskRef> parents;
  private final List<Field> fields;
  private final Set<String> touches;
  private final Supplier<FlowSpec> fresh;
  private final ClassLoader loader;
  private final Map<String, WeakReference<Object>> values = new HashMap<>();

  private JoinInputs(FlowDatastore ds, TaskSpec spec, List<Field> fields,
      Supplier<FlowSpec> fresh, ClassLoader loader) {
    this.ds = ds;
    this.run = spec.run();
    this.parents = spec.parents();
    this.fields = fields;
    this.touches = spec.touches();
    this.fresh = fresh;
    this.loader = loader;
  }

  /**
   * The inputs of join task {@code spec}: instances made by {@code fresh}, whose artifact
   * {@code fields} are set from the parents' results as they are used.
   */
  static Inputs<FlowSpec> of(FlowDatastore ds, TaskSpec spec, List<Field> fields,
      Supplier<FlowSpec> fresh, ClassLoader loader) {
    JoinInputs in = new JoinInputs(ds, spec, fields, fresh, loader);
    List<String> steps = new ArrayList<>(spec.parents().size());
    for (TaskRef parent : spec.parents()) {
      steps.add(parent.step());
    }
    return Inputs.lazy(steps, in::input);
  }

  /** Input {@code i}: a new instance holding the artifacts of parent {@code i} that may be used. */
  private FlowSpec input(int i) {
    TaskRef parent = parents.get(i);
    FlowSpec into = fresh.get();
    try {
      TaskResult r = ds.result(run, parent.step(), parent.task());
      for (Field f : fields) {
        ArtifactRef ref = r.artifacts().get(f.getName());
        if (ref != null && (touches == null || touches.contains(f.getName()))) {
          TaskRunner.set(f, into, value(ref, f.getName(), ds.flow() + "/" + run + "/" + parent),
              ref);
        }
      }
    } catch (IOException e) {
      throw new CellflowException("cannot read input " + parent + " of the join: " + e, e);
    }
    return into;
  }

  /**
   * The value stored at {@code ref}, read once while any input holds it; {@code name} and
   * {@code task} (the first input that reads it) name it in errors.
   */
  private Object value(ArtifactRef ref, String name, String task) throws IOException {
    if (ref.key() == null) {
      return null;
    }
    synchronized (values) {
      WeakReference<Object> w = values.get(ref.key());
      Object v = w == null ? null : w.get();
      if (v != null) {
        return v;
      }
      // read under the lock: inputs used from several threads then read an object once
      v = ds.getArtifact(ref, loader, name, task);
      if (v != null) {
        values.put(ref.key(), new WeakReference<>(v));
      }
      return v;
    }
  }
}
