package dev.cellflow.internal;

import dev.cellflow.CellflowException;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal: records what a step does while it runs — its transitions — and holds what it sees
 * ({@code input()}, {@code index()}). One step runs at a time in a task process, so one recorder
 * is current at a time.
 */
public final class StepRecorder {
  /** A transition the step called: targets, and the foreach field when it is a foreach. */
  public record Transition(List<String> targets, String foreachField) {}

  private static volatile StepRecorder current;

  private final String step;
  private final Object input;
  private final int index;
  private final List<Transition> transitions = new ArrayList<>();

  /** A recorder for {@code step}; {@code index} is -1 outside a foreach. */
  public StepRecorder(String step, Object input, int index) {
    this.step = step;
    this.input = input;
    this.index = index;
  }

  /** Makes {@code r} current (null to clear). */
  public static void setCurrent(StepRecorder r) {
    current = r;
  }

  /** The current recorder, or an error saying that no step is running. */
  public static StepRecorder current(String what) {
    StepRecorder r = current;
    if (r == null) {
      throw new CellflowException(
          what + " can only be called while cellflow runs a step (inside a @Step method)");
    }
    return r;
  }

  /** The step being run. */
  public String step() {
    return step;
  }

  /** Records a transition. */
  public void record(String foreachField, Serializable... refs) {
    List<String> targets = new ArrayList<>();
    for (Serializable ref : refs) {
      targets.add(methodName(ref));
    }
    transitions.add(new Transition(List.copyOf(targets), foreachField));
  }

  /** The transitions recorded so far. */
  public List<Transition> transitions() {
    return List.copyOf(transitions);
  }

  /** The foreach input, or an error naming the step when it is not in a foreach. */
  public Object input() {
    if (index < 0) {
      throw new CellflowException(
          "input() called in step '" + step + "', which is not inside a foreach");
    }
    return input;
  }

  /** The foreach index, or an error naming the step when it is not in a foreach. */
  public int index() {
    if (index < 0) {
      throw new CellflowException(
          "index() called in step '" + step + "', which is not inside a foreach");
    }
    return index;
  }

  /**
   * The name of the method a method reference points to. A lambda of a Serializable functional
   * interface has a private {@code writeReplace} that returns its {@link SerializedLambda}.
   */
  static String methodName(Serializable ref) {
    try {
      Method m = ref.getClass().getDeclaredMethod("writeReplace");
      m.setAccessible(true);
      SerializedLambda sl = (SerializedLambda) m.invoke(ref);
      String name = sl.getImplMethodName();
      if (name.startsWith("lambda$")) {
        throw new CellflowException(
            "a transition needs a method reference such as this::end, not a lambda");
      }
      return name;
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new CellflowException("cannot read the step a transition points to: " + e, e);
    }
  }
}
