package dev.cellflow;

import java.lang.ref.SoftReference;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The inputs of a join step: one flow instance per incoming branch or foreach split, in
 * branch order or split order, each holding that branch's artifacts.
 *
 * <p>In a run, an input is read from the datastore when the join first uses it, with only the
 * artifacts the join's code can touch, and inputs holding the same stored value share one
 * object of it: treat inputs' artifacts as read-only, and set the join's own fields instead. An
 * input the join no longer refers to may be dropped when memory runs short and read again when
 * used, so a join can go through more inputs than fit in its heap at once.
 *
 * @param <F> the flow's class
 */
public final class Inputs<F extends FlowSpec> implements Iterable<F> {
  private final List<String> steps;
  private final IntFunction<? extends F> load;
  private final AtomicReferenceArray<SoftReference<F>> made;
  private final List<F> given;

  /** Inputs held as given; {@code steps.get(i)} is the step that produced {@code flows.get(i)}. */
  public Inputs(List<F> flows, List<String> steps) {
    this.given = List.copyOf(flows);
    this.steps = List.copyOf(steps);
    this.load = null;
    this.made = null;
  }

  private Inputs(List<String> steps, IntFunction<? extends F> load) {
    this.given = null;
    this.steps = List.copyOf(steps);
    this.load = load;
    this.made = new AtomicReferenceArray<>(steps.size());
  }

  /**
   * Inputs made when first used: {@code load.apply(i)} makes input {@code i}, which came from
   * step {@code steps.get(i)}. Made by the task runner.
   */
  public static <F extends FlowSpec> Inputs<F> lazy(List<String> steps,
      IntFunction<? extends F> load) {
    return new Inputs<>(steps, load);
  }

  /** The number of inputs. */
  public int size() {
    return steps.size();
  }

  /** The input at position {@code i} (branch order, or foreach index). */
  public F get(int i) {
    if (given != null) {
      return given.get(i);
    }
    SoftReference<F> ref = made.get(i);
    F f = ref == null ? null : ref.get();
    if (f != null) {
      return f;
    }
    F fresh = load.apply(i);
    while (true) { // two threads may load one input: both get the one kept
      SoftReference<F> now = made.get(i);
      F kept = now == null ? null : now.get();
      if (kept != null) {
        return kept;
      }
      if (made.compareAndSet(i, now, new SoftReference<>(fresh))) {
        return fresh;
      }
    }
  }

  /**
   * The input that came from the step named {@code step} (the last step of a branch).
   *
   * @throws IllegalArgumentException naming the steps that are inputs when none is {@code step}
   */
  public F get(String step) {
    int i = steps.indexOf(step);
    if (i < 0) {
      throw new IllegalArgumentException(
          "no input from step '" + step + "'; the inputs come from " + steps);
    }
    return get(i);
  }

  /** The inputs as a stream, in order. */
  public Stream<F> stream() {
    return IntStream.range(0, size()).mapToObj(this::get);
  }

  @Override
  public Iterator<F> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < size();
      }

      @Override
      public F next() {
        if (next >= size()) {
          throw new NoSuchElementException();
        }
        return get(next++);
      }
    };
  }
}
