package dev.cellflow.internal.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellTextTest {
  @Test
  void magicLinesAtTheTopThenCodeWithItsLineNumbersKept() {
    CellText c = CellText.parse("%resources memory=100\n%batch backend=local \"a b\"\nint x = 1;\n%notMagic");
    assertEquals(List.of(new CellText.Magic("resources", List.of("memory=100")),
        new CellText.Magic("batch", List.of("backend=local", "a b"))), c.lineMagics());
    assertNull(c.cellMagic());
    assertEquals("\n\nint x = 1;\n%notMagic", c.body());
  }

  @Test
  void aCellMagicTakesTheRestOfTheCell() {
    CellText c = CellText.parse("%%batch cpu=2\nint x = 1;");
    assertEquals(new CellText.Magic("batch", List.of("cpu=2")), c.cellMagic());
    assertEquals("int x = 1;", c.body());
  }
}
