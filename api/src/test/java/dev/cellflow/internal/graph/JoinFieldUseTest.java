package dev.cellflow.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which fields of its inputs a join reads, and when it cannot tell (an input escapes). */
class JoinFieldUseTest {
  /** Not a runnable flow: each method taking Inputs is scanned as a join. */
  public static class Joins extends FlowSpec {
    long x;
    long y;
    long total;
    transient Shapes first;

    public void stream(Inputs<Joins> in) {
      total = in.stream().mapToLong(f -> f.x).sum();
    }

    public void loop(Inputs<Joins> in) {
      for (Joins f : in) {
        total += f.x;
      }
    }

    public void byName(Inputs<Joins> in) {
      total = in.get("a").x + in.get(1).x;
    }

    public void ownMethod(Inputs<Joins> in) {
      total = in.get(0).twice();
    }

    long twice() {
      return 2 * y;
    }

    public void capturedInALambda(Inputs<Joins> in) {
      total = IntStream.range(0, in.size()).mapToLong(i -> in.get(i).x).sum();
    }

    public void helperClass(Inputs<Joins> in) {
      total = Shapes.read(in.get(0));
    }

    public void methodReference(Inputs<Joins> in) {
      total = in.stream().mapToLong(Shapes::read).sum();
    }

    public void concatenated(Inputs<Joins> in) {
      System.out.println("first " + in.get(0));
    }

    public void collected(Inputs<Joins> in) {
      List<Joins> mine = new ArrayList<>();
      mine.add(in.get(0));
      total = mine.size();
    }

    public void printed(Inputs<Joins> in) {
      in.forEach(System.out::println);
    }

    public void merged(Inputs<Joins> in) {
      mergeArtifacts(in);
    }

    public void throughASupplier(Inputs<Joins> in) {
      Supplier<Joins> s = () -> in.get(0);
      total = Shapes.read(s.get());
    }

    public void kept(Inputs<Joins> in) {
      first = new Shapes(in);
    }
  }

  /** A flow whose equality is its own. */
  public static class Hashed extends FlowSpec {
    long hashed;
    long total;

    public void distinct(Inputs<Hashed> in) {
      total = in.stream().distinct().count();
    }

    @Override
    public int hashCode() {
      return (int) hashed;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hashed h && h.hashed == hashed;
    }
  }

  /** Code outside the flow, which the scan does not follow. */
  public static final class Shapes {
    Shapes(Inputs<Joins> in) {}

    static long read(Joins j) {
      return j.x + j.y + j.total;
    }
  }

  private static Set<String> touches(String join) {
    Map<String, Set<String>> all = FieldUse.of(Joins.class, List.of(join));
    return all.get(join);
  }

  @Test
  void aJoinReadsTheFieldsItsCodeReadsFromItsInputs() {
    assertEquals(Set.of("x", "total"), touches("stream"));
    assertEquals(Set.of("x", "total"), touches("loop"));
    assertEquals(Set.of("x", "total"), touches("byName"));
    assertEquals(Set.of("x", "total"), touches("capturedInALambda"));
  }

  @Test
  void theFlowsOwnMethodsOnAnInputAreFollowed() {
    assertEquals(Set.of("y", "total"), touches("ownMethod"));
    assertEquals(Set.of("hashed", "total"),
        FieldUse.of(Hashed.class, List.of("distinct")).get("distinct"),
        "distinct() calls the flow's hashCode and equals");
  }

  @Test
  void anInputHandedToCodeTheScanDoesNotFollowMeansEveryField() {
    for (String join : List.of("helperClass", "methodReference", "concatenated", "collected",
        "printed", "merged", "throughASupplier", "kept")) {
      assertNull(touches(join), join);
    }
  }
}
