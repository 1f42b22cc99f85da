package dev.cellflow.card;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A Tablesaw table's cells as text, as each column prints them; missing cells as "". */
final class TablesawConverter implements TablesawTables.Converter {
  @Override
  public Card.Table card(Object value) {
    Table t = (Table) value;
    List<String> names = new ArrayList<>();
    List<List<String>> cols = new ArrayList<>();
    for (Column<?> c : t.columns()) {
      names.add(c.name());
      List<String> cells = new ArrayList<>(c.size());
      for (int i = 0; i < c.size(); i++) {
        cells.add(c.isMissing(i) ? "" : c.getString(i));
      }
      cols.add(cells);
    }
    return new Card.Table(t.name(), names, TablesawTables.rows(cols, t.rowCount()));
  }
}
