package dev.cellflow.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Step;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldUseTest {
  /** Steps that touch known fields, and steps whose this escapes. */
  public static class Touchy extends FlowSpec {
    int a;
    int b;
    int c;
    List<Integer> items;
    int untouched;

    @Step public void start() {
      a = 1;
      helper();
      items = List.of(1, 2);
      foreach("items", this::each);
    }

    private void helper() {
      b = a + 1;
    }

    @Step public void each() {
      int x = input();
      Runnable r = () -> c = x;
      r.run();
      next(this::join);
    }

    @Step public void join(Inputs<Touchy> inputs) {
      a = inputs.stream().mapToInt(t -> t.c).sum();
      next(this::leak);
    }

    @Step public void leak() {
      System.out.println("flow " + this);
      next(this::merge);
    }

    @Step public void merge() {
      Object o = this;
      List.of(o);
      next(this::end);
    }

    @Step public void end() { }
  }

  private final FlowGraph g = GraphBuilder.build(Touchy.class);

  @Test
  void aStepTouchesItsFieldsAndThoseOfTheMethodsItCalls() {
    assertEquals(Set.of("a", "b", "items"), g.step("start").touches());
  }

  @Test
  void lambdasAreFollowed() {
    assertEquals(Set.of("c"), g.step("each").touches());
  }

  @Test
  void aJoinTouchesTheFieldsItReadsFromItsInputs() {
    assertEquals(Set.of("a", "c"), g.step("join").touches());
  }

  @Test
  void thisHandedToOtherCodeMeansEveryField() {
    assertNull(g.step("leak").touches(), "string concatenation calls toString on this");
    assertNull(g.step("merge").touches(), "this passed to List.of");
  }

  @Test
  void aStepThatDoesNothingTouchesNothing() {
    assertEquals(Set.of(), g.step("end").touches());
  }
}
