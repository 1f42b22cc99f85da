package dev.cellflow.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which session types a value's classes are, by their declared names. */
class SessionTypesTest {
  @Test
  void jshellsWrapperNamesGiveTheDeclaredName() {
    assertEquals(Set.of("P"), SessionTypes.inTypeName("REPL.$JShell$14$P"));
    assertEquals(Set.of("Box", "P"), SessionTypes.inTypeName(
        "REPL.$JShell$12$Box<REPL.$JShell$14$P>"));
    assertEquals(Set.of("P"), SessionTypes.inTypeName("[LREPL.$JShell$14$P$Inner;"));
    assertEquals(Set.of(), SessionTypes.inTypeName("java.util.List<java.lang.String>"));
  }

  @Test
  void theWalkFindsOnlyJdkTypesInJdkValues() {
    // no class here is a session's; the walk goes through each kind of holder without failing
    Object value = Map.of("k", List.of(Optional.of(new int[] {1}), new Object[] {"s", 2L}),
        "r", new Pair(1, List.of(3)));
    assertEquals(Set.of(), SessionTypes.of(value));
  }

  record Pair(int a, List<Integer> rest) {}
}
