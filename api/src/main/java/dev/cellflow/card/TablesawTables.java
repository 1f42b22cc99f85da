package dev.cellflow.card;

import java.util.ArrayList;
import java.util.List;

/**
 * Tablesaw tables as {@link Card.Table}s. Tablesaw is optional: the one class that names it is
 * loaded by name, only when a step passes a table, so flows without Tablesaw never need it.
 */
final class TablesawTables {
  /** Implemented by {@code TablesawConverter}, the one class that uses Tablesaw's types. */
  interface Converter {
    Card.Table card(Object table);
  }

  private static volatile Converter converter;

  private TablesawTables() {}

  static Card.Table card(Object table) {
    Converter c = converter;
    if (c == null) {
      try {
        c = (Converter) Class.forName("dev.cellflow.card.TablesawConverter")
            .getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IllegalStateException("a table card needs Tablesaw (tech.tablesaw:tablesaw-core)"
            + " on the class path: " + e, e);
      }
      converter = c;
    }
    return c.card(table);
  }

  /** Rows of cells from a column-major list of cells. */
  static List<List<String>> rows(List<List<String>> columns, int rowCount) {
    List<List<String>> rows = new ArrayList<>(rowCount);
    for (int i = 0; i < rowCount; i++) {
      List<String> row = new ArrayList<>(columns.size());
      for (List<String> col : columns) {
        row.add(col.get(i));
      }
      rows.add(row);
    }
    return rows;
  }
}
