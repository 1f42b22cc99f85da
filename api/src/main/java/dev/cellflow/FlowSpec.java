package dev.cellflow;

import dev.cellflow.parallel.Parallel;
import dev.cellflow.parallel.ThrowingFunction;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The base class of a flow. A flow's steps are its {@link Step} methods; its non-transient,
 * non-static instance fields are its artifacts, stored after every step and seen by the steps
 * that follow.
 *
 * <pre>{@code
 * public class Hello extends FlowSpec {
 *   String greeting;
 *   @Step public void start() { greeting = "hi"; next(this::end); }
 *   @Step public void end() { System.out.println(greeting); }
 *   public static void main(String[] args) { FlowSpec.main(Hello.class, args); }
 * }
 * }</pre>
 */
public abstract class FlowSpec {

  /** Continues with {@code step}. */
  protected final void next(StepMethod step) {
    Engines.running("next(...)").transition(null, step);
  }

  /** Continues with the join step {@code join}. */
  protected final <F extends FlowSpec> void next(JoinMethod<F> join) {
    Engines.running("next(...)").transition(null, join);
  }

  /** Branches: {@code a}, {@code b} and {@code more} run in parallel, then meet in a join. */
  protected final void next(StepMethod a, StepMethod b, StepMethod... more) {
    StepMethod[] all = new StepMethod[2 + more.length];
    all[0] = a;
    all[1] = b;
    System.arraycopy(more, 0, all, 2, more.length);
    Engines.running("next(...)").transition(null, (java.io.Serializable[]) all);
  }

  /**
   * Runs {@code step} once per element of the artifact {@code field} (a collection or an array),
   * in parallel; each task sees its element as {@link #input()} and its position as {@link
   * #index()}. The splits meet in a join step.
   */
  protected final void foreach(String field, StepMethod step) {
    Objects.requireNonNull(field, "foreach field");
    Engines.running("foreach(...)").transition(field, step);
  }

  /** Inside a foreach: this split's element. */
  @SuppressWarnings("unchecked")
  protected final <T> T input() {
    return (T) Engines.running("input()").input();
  }

  /** Inside a foreach: this split's position, from 0. */
  protected final int index() {
    return Engines.running("index()").index();
  }

  /**
   * In a join: sets every artifact whose value is equal in all inputs to that value (Metaflow's
   * {@code merge_artifacts}). Fields named in {@code exclude} are left alone; a field whose
   * values differ between the inputs fails the call, naming it — set it yourself after the call
   * and name it in {@code exclude}.
   */
  protected final void mergeArtifacts(Inputs<?> inputs, String... exclude) {
    Set<String> skip = Set.of(exclude);
    for (Field f : Artifacts.fields(getClass())) {
      if (skip.contains(f.getName()) || inputs.size() == 0) {
        continue;
      }
      try {
        Object first = f.get(inputs.get(0));
        for (FlowSpec in : inputs) {
          if (!Objects.deepEquals(first, f.get(in))) {
            throw new CellflowException("mergeArtifacts: artifact '" + f.getName()
                + "' differs between the inputs of step '"
                + Engines.running("mergeArtifacts").current().step()
                + "'; set it in the join and pass \"" + f.getName() + "\" in exclude");
          }
        }
        f.set(this, first);
      } catch (IllegalAccessException e) {
        throw new CellflowException("cannot access artifact field " + f.getName(), e);
      }
    }
  }

  /**
   * Applies {@code fn} to every item on the task's cores and returns the results in order. The
   * data the lambda captures is shared, not copied. The first failure is re-thrown, naming the
   * item's index.
   */
  public static <T, R> List<R> parallelMap(ThrowingFunction<? super T, ? extends R> fn,
      Iterable<? extends T> items) {
    return Parallel.parallelMap(fn, items);
  }

  /** The integers {@code from, from+step, ...} below {@code to}, for {@link #parallelMap}. */
  public static List<Integer> range(int from, int to, int step) {
    return Parallel.range(from, to, step);
  }

  /**
   * Runs the command line for {@code flow}: {@code run}, {@code check}, {@code show}, ... Call it
   * from the flow's {@code main}; it exits with the command's exit code.
   */
  public static void main(Class<? extends FlowSpec> flow, String[] args) {
    System.exit(Engines.get().main(flow, args));
  }

  /** Which fields of a flow class are artifacts. */
  public static final class Artifacts {
    private Artifacts() {}

    /** The artifact fields of {@code flow}, made accessible, superclass fields first. */
    public static List<Field> fields(Class<?> flow) {
      java.util.ArrayList<Field> out = new java.util.ArrayList<>();
      for (Class<?> c = flow; c != null && c != FlowSpec.class && c != Object.class;
          c = c.getSuperclass()) {
        java.util.ArrayList<Field> mine = new java.util.ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
          int m = f.getModifiers();
          if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) {
            continue;
          }
          f.setAccessible(true);
          mine.add(f);
        }
        out.addAll(0, mine);
      }
      return out;
    }
  }
}
