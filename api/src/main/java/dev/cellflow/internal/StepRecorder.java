package dev.cellflow.internal;

import dev.cellflow.CellflowException;
import dev.cellflow.Current;
import dev.cellflow.FlowEngine;
import dev.cellflow.card.Cards;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal: the step a process is running, as its code sees it ({@link
 * FlowEngine.RunningStep}): records what the step does while it runs — its transitions — and
 * holds what it sees ({@code Current}, its cards, {@code input()}, {@code index()}). One step
 * runs at a time in a task process (or a kernel), so one recorder is running at a time; the API
 * reaches it through {@link FlowEngine#running()}.
 */
public final class StepRecorder implements FlowEngine.RunningStep {
  /** A transition the step called: targets, and the foreach field when it is a foreach. */
  public record Transition(List<String> targets, String foreachField) {}

  private static volatile StepRecorder running;

  private final Current current;
  private final Cards cards;
  private final Object input;
  private final int index;
  private final List<Transition> transitions = new ArrayList<>();

  /** A recorder for the task {@code current}; {@code index} is -1 outside a foreach. */
  public StepRecorder(Current current, Object input, int index) {
    this.current = current;
    this.cards = new Cards(current.step(), current.pathspec());
    this.input = input;
    this.index = index;
  }

  /** Makes {@code r} the running step (null: none runs). */
  public static void setRunning(StepRecorder r) {
    running = r;
  }

  /** The running step, or null. */
  public static StepRecorder running() {
    return running;
  }

  @Override
  public Current current() {
    return current;
  }

  @Override
  public Cards cards() {
    return cards;
  }

  /** The step being run. */
  public String step() {
    return current.step();
  }

  @Override
  public void transition(String foreachField, Serializable... refs) {
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

  @Override
  public Object input() {
    if (index < 0) {
      throw new CellflowException(
          "input() called in step '" + step() + "', which is not inside a foreach");
    }
    return input;
  }

  @Override
  public int index() {
    if (index < 0) {
      throw new CellflowException(
          "index() called in step '" + step() + "', which is not inside a foreach");
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
