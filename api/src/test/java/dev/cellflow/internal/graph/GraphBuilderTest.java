package dev.cellflow.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid graphs: the transitions read from bytecode, and the split parents validation assigns. */
class GraphBuilderTest {

  public static class LinearFlow extends FlowSpec {
    @Step public void start() {
      next(this::middle);
    }

    @Step public void middle() {
      next(this::end);
    }

    @Step public void end() {}
  }

  public static class BranchFlow extends FlowSpec {
    @Step public void start() {
      next(this::a, this::b);
    }

    @Step public void a() {
      next(this::join);
    }

    @Step public void b() {
      next(this::join);
    }

    @Step public void join(Inputs<BranchFlow> inputs) {
      next(this::end);
    }

    @Step public void end() {}
  }

  public static class ForeachFlow extends FlowSpec {
    List<Integer> items;

    @Step public void start() {
      items = List.of(1, 2, 3);
      foreach("items", this::each);
    }

    @Step public void each() {
      next(this::join);
    }

    @Step public void join(Inputs<ForeachFlow> inputs) {
      next(this::end);
    }

    @Step public void end() {}
  }

  /** A branch whose first path opens a foreach, joined before the branch's own join. */
  public static class NestedFlow extends FlowSpec {
    int[] items;

    @Step public void start() {
      next(this::a, this::b);
    }

    @Step public void a() {
      items = new int[] {1, 2};
      foreach("items", this::inner);
    }

    @Step public void inner() {
      next(this::innerJoin);
    }

    @Step public void innerJoin(Inputs<NestedFlow> inputs) {
      next(this::join);
    }

    @Step public void b() {
      next(this::join);
    }

    @Step public void join(Inputs<NestedFlow> inputs) {
      next(this::end);
    }

    @Step public void end() {}
  }

  @Test
  void linearFlowHasLinearTransitionsAndNoSplits() {
    FlowGraph g = GraphBuilder.build(LinearFlow.class);

    assertEquals("LinearFlow", g.flowName());
    assertEquals(new Transition.Linear("middle"), g.step("start").transition());
    assertEquals(new Transition.Linear("end"), g.step("middle").transition());
    assertEquals(new Transition.End(), g.step("end").transition());
    for (StepNode n : g.steps().values()) {
      assertEquals(List.of(), n.splitParents(), n.name());
      assertFalse(n.join(), n.name());
      assertFalse(n.isSplit(), n.name());
    }
    assertEquals(List.of("start", "middle", "end"),
        g.inOrder().stream().map(StepNode::name).toList());
  }

  @Test
  void transitionLineIsTheSourceLineOfTheCall() {
    FlowGraph g = GraphBuilder.build(LinearFlow.class);

    assertTrue(g.step("start").line() > 0);
    assertTrue(g.step("middle").line() > g.step("start").line());
    assertEquals(-1, g.step("end").line());
  }

  @Test
  void branchOpensASplitThatTheJoinCloses() {
    FlowGraph g = GraphBuilder.build(BranchFlow.class);

    assertEquals(new Transition.Branch(List.of("a", "b")), g.step("start").transition());
    assertTrue(g.step("start").isSplit());
    assertEquals(new Transition.Linear("join"), g.step("a").transition());
    assertEquals(new Transition.Linear("join"), g.step("b").transition());
    assertTrue(g.step("join").join());
    assertEquals(List.of(), g.step("start").splitParents());
    assertEquals(List.of("start"), g.step("a").splitParents());
    assertEquals(List.of("start"), g.step("b").splitParents());
    assertEquals(List.of(), g.step("join").splitParents());
    assertEquals(List.of(), g.step("end").splitParents());
    assertEquals(List.of("a", "b"), g.parents("join").stream().sorted().toList());
    assertEquals("start", g.splitClosedBy("join").name());
  }

  @Test
  void foreachNamesItsFieldAndTarget() {
    FlowGraph g = GraphBuilder.build(ForeachFlow.class);

    Transition t = g.step("start").transition();
    Transition.Foreach fe = assertInstanceOf(Transition.Foreach.class, t);
    assertEquals("items", fe.field());
    assertEquals("each", fe.to());
    assertEquals(List.of("each"), fe.targets());
    assertEquals(List.of("start"), g.step("each").splitParents());
    assertEquals(List.of(), g.step("join").splitParents());
    assertEquals("start", g.splitClosedBy("join").name());
  }

  @Test
  void foreachInsideABranchStacksTheSplits() {
    FlowGraph g = GraphBuilder.build(NestedFlow.class);

    assertEquals(new Transition.Branch(List.of("a", "b")), g.step("start").transition());
    assertEquals(new Transition.Foreach("items", "inner"), g.step("a").transition());
    assertEquals(List.of("start"), g.step("a").splitParents());
    assertEquals(List.of("start", "a"), g.step("inner").splitParents());
    assertEquals(List.of("start"), g.step("innerJoin").splitParents());
    assertEquals(List.of("start"), g.step("b").splitParents());
    assertEquals(List.of(), g.step("join").splitParents());
    assertEquals(List.of(), g.step("end").splitParents());
    assertEquals("a", g.splitClosedBy("innerJoin").name());
    assertEquals("start", g.splitClosedBy("join").name());
  }

  @Test
  void unknownStepNameIsAnErrorNamingTheSteps() {
    FlowGraph g = GraphBuilder.build(LinearFlow.class);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> g.step("nope"));
    assertTrue(e.getMessage().contains("no step 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("middle"), e.getMessage());
  }
}
