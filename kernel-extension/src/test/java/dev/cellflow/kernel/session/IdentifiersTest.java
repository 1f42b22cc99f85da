package dev.cellflow.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
  @Test
  void namesOutsideCommentsAndLiterals() {
    assertEquals(Set.of("double", "s", "m", "length", "System", "out", "println"),
        Identifiers.of("double s = m.length; // not this\n/* nor m2 */ System.out.println(\"x y\""
            + " + 'c' + 10L);"));
  }

  @Test
  void assignmentsIncrementsAndCompoundAssignments() {
    assertEquals(Set.of("a", "b", "c", "d", "e"),
        Identifiers.assigned("a = 1; b += 2; c++; --d; int e = a == b ? 1 : 0; f.g = 3;"
            + " if (a == 1) {}"));
  }
}
