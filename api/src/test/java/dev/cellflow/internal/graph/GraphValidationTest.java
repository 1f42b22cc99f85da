package dev.cellflow.internal.graph;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid graphs: each is rejected with a problem naming the step and the rule it breaks. */
class GraphValidationTest {

  /** Builds {@code flow}, expects a GraphException, and returns the problem holding all parts. */
  private static String problem(Class<? extends FlowSpec> flow, String... parts) {
    GraphException e = assertThrows(GraphException.class, () -> GraphBuilder.build(flow));
    for (String p : e.problems()) {
      if (List.of(parts).stream().allMatch(p::contains)) {
        assertTrue(e.getMessage().contains(p), "the message lists every problem");
        return p;
      }
    }
    return fail("no problem contains all of " + List.of(parts) + "; problems: " + e.problems());
  }

  public static class NextToPlainMethod extends FlowSpec {
    @Step public void start() { next(this::helper); }
    public void helper() {}
    @Step public void end() {}
  }

  public static class TwoTransitions extends FlowSpec {
    boolean flag;
    @Step public void start() {
      if (flag) {
        next(this::end);
      } else {
        next(this::middle);
      }
    }
    @Step public void middle() { next(this::end); }
    @Step public void end() {}
  }

  public static class NoTransition extends FlowSpec {
    @Step public void start() { next(this::middle); }
    @Step public void middle() {}
    @Step public void end() {}
  }

  public static class Cycle extends FlowSpec {
    @Step public void start() { next(this::a); }
    @Step public void a() { next(this::b); }
    @Step public void b() { next(this::a); }
    @Step public void end() {}
  }

  public static class JoinWithoutSplit extends FlowSpec {
    @Step public void start() { next(this::join); }
    @Step public void join(Inputs<JoinWithoutSplit> in) { next(this::end); }
    @Step public void end() {}
  }

  public static class ForeachMissingField extends FlowSpec {
    @Step public void start() { foreach("missing", this::each); }
    @Step public void each() { next(this::join); }
    @Step public void join(Inputs<ForeachMissingField> in) { next(this::end); }
    @Step public void end() {}
  }

  public static class ForeachOverInt extends FlowSpec {
    int n;
    @Step public void start() { foreach("n", this::each); }
    @Step public void each() { next(this::join); }
    @Step public void join(Inputs<ForeachOverInt> in) { next(this::end); }
    @Step public void end() {}
  }

  public static class Unreachable extends FlowSpec {
    @Step public void start() { next(this::end); }
    @Step public void orphan() { next(this::end); }
    @Step public void end() {}
  }

  public static class MissingStart extends FlowSpec {
    @Step public void begin() { next(this::end); }
    @Step public void end() {}
  }

  public static class MissingEnd extends FlowSpec {
    @Step public void start() { next(this::finish); }
    @Step public void finish() {}
  }

  public static class ForeachNeverJoined extends FlowSpec {
    List<Integer> items;
    @Step public void start() { foreach("items", this::each); }
    @Step public void each() { next(this::end); }
    @Step public void end() {}
  }

  public static class BranchNeverJoined extends FlowSpec {
    @Step public void start() { next(this::a, this::b); }
    @Step public void a() { next(this::end); }
    @Step public void b() { next(this::end); }
    @Step public void end() {}
  }

  public static class LambdaTransition extends FlowSpec {
    @Step public void start() { next(() -> end()); }
    @Step public void end() {}
  }

  public static class NonPublicStep extends FlowSpec {
    @Step public void start() { next(this::hidden); }
    @Step void hidden() { next(this::end); }
    @Step public void end() {}
  }

  public static class StaticStep extends FlowSpec {
    @Step public void start() { next(this::end); }
    @Step public static void shared() {}
    @Step public void end() {}
  }

  public static class WrongParameter extends FlowSpec {
    @Step public void start() { next(this::end); }
    @Step public void odd(String s) {}
    @Step public void end() {}
  }

  public static class NonJoinReachedTwice extends FlowSpec {
    @Step public void start() { next(this::a, this::b); }
    @Step public void a() { next(this::c); }
    @Step public void b() { next(this::c); }
    @Step public void c() { next(this::end); }
    @Step public void end() {}
  }

  public static class EndCallsNext extends FlowSpec {
    @Step public void start() { next(this::end); }
    @Step public void end() { next(this::start); }
  }

  @Test
  void nextToAMethodThatIsNotAStep() {
    problem(NextToPlainMethod.class, "step 'start'", "'helper'", "not a @Step method");
  }

  @Test
  void twoTransitionsInOneStep() {
    problem(TwoTransitions.class, "step 'start'", "calls next/foreach 2 times");
  }

  @Test
  void stepWithoutTransition() {
    problem(NoTransition.class, "step 'middle'", "has no transition");
  }

  @Test
  void cycle() {
    String p = problem(Cycle.class, "step '", "cycle");
    assertTrue(p.contains("a -> b -> a") || p.contains("b -> a -> b"), p);
  }

  @Test
  void joinWithoutSplit() {
    problem(JoinWithoutSplit.class, "step 'join'", "no split to join");
  }

  @Test
  void foreachOverAMissingField() {
    problem(ForeachMissingField.class, "step 'start'", "\"missing\"", "names no artifact field");
  }

  @Test
  void foreachOverANonIterableField() {
    problem(ForeachOverInt.class, "step 'start'", "'n'", "not a collection or an array");
  }

  @Test
  void unreachableStep() {
    problem(Unreachable.class, "step 'orphan'", "cannot be reached from start");
  }

  @Test
  void missingStart() {
    problem(MissingStart.class, "MissingStart", "no step named 'start'");
  }

  @Test
  void missingEnd() {
    problem(MissingEnd.class, "MissingEnd", "no step named 'end'");
  }

  @Test
  void foreachReachingEndUnjoined() {
    problem(ForeachNeverJoined.class, "step 'end'", "split at 'start'", "join it first");
  }

  @Test
  void branchReachingEndUnjoinedIsReportedAtEnd() {
    // both paths lead to end, which is then a non-join step with two incoming transitions
    problem(BranchNeverJoined.class, "step 'end'", "only a join step");
  }

  @Test
  void lambdaInsteadOfMethodReference() {
    problem(LambdaTransition.class, "step 'start'", "not a lambda");
  }

  @Test
  void nonPublicStep() {
    problem(NonPublicStep.class, "step 'hidden'", "must be public");
  }

  @Test
  void staticStep() {
    problem(StaticStep.class, "step 'shared'", "must not be static");
  }

  @Test
  void stepWithAWrongParameterType() {
    problem(WrongParameter.class, "step 'odd'", "one Inputs argument");
  }

  @Test
  void nonJoinStepReachedFromTwoSteps() {
    problem(NonJoinReachedTwice.class, "step 'c'", "only a join step");
  }

  @Test
  void endStepCallingNext() {
    problem(EndCallsNext.class, "step 'end'", "the end step has no transition");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    GraphException e = assertThrows(GraphException.class,
        () -> GraphBuilder.build(MissingEnd.class));
    assertTrue(e.getMessage().startsWith("flow MissingEnd is not a valid graph"), e.getMessage());
    // finish has no transition, and end is missing: both in one exception
    assertTrue(e.problems().size() >= 2, e.problems().toString());
  }
}
