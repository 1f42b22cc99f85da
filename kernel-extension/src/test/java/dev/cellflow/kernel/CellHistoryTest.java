package dev.cellflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

class CellHistoryTest {
  private static final EnumSet<ResultFlag> NONE = EnumSet.noneOf(ResultFlag.class);

  private static CellHistory history() {
    CellHistory h = new CellHistory();
    h.add(1, "int x = 1;");
    h.add(2, "x + 1");
    h.add(3, "int x = 1;");
    h.add(4, "System.out.println(x);");
    return h;
  }

  private static List<Integer> numbers(List<HistoryEntry> entries) {
    return entries.stream().map(HistoryEntry::getCellNumber).toList();
  }

  @Test
  void tailGivesTheLastCellsInOrder() {
    assertEquals(List.of(3, 4), numbers(history().lookupTail(2, NONE)));
    assertEquals(List.of(1, 2, 3, 4), numbers(history().lookupTail(100, NONE)));
    assertEquals(List.of(), numbers(history().lookupTail(0, NONE)));
  }

  @Test
  void rangeIsStartInclusiveStopExclusiveInTheCurrentSessionOnly() {
    assertEquals(List.of(2, 3), numbers(history().lookupRange(0, 2, 4, NONE)));
    assertEquals(List.of(3, 4), numbers(history().lookupRange(1, 3, 0, NONE)));
    assertEquals(List.of(), numbers(history().lookupRange(-1, 1, 0, NONE)));
  }

  @Test
  void searchMatchesAGlobAndKeepsTheLastMatches() {
    assertEquals(List.of(1, 3), numbers(history().search("int x*", 10, NONE)));
    assertEquals(List.of(3), numbers(history().search("int x*", 1, NONE)));
    assertEquals(List.of(3), numbers(history().search("int x*", 10, EnumSet.of(ResultFlag.UNIQUE))));
    assertEquals(List.of(2), numbers(history().search("x ? 1", 10, NONE)));
    // the glob's other characters are literal, regex ones included
    assertEquals(List.of(), numbers(history().search("x.*", 10, NONE)));
  }
}
