package dev.cellflow.kernel.display;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables as HTML tables (the first {@value #ROWS} rows), registered only where Tablesaw
 * is on the kernel's class path: this class is not loaded otherwise.
 */
public final class Tables {
  static final int ROWS = 100;

  private Tables() {}

  /** Registers the table renderer when Tablesaw is present; says whether it was. */
  public static boolean registerIfPresent(Renderer r) {
    try {
      Class.forName("tech.tablesaw.api.Table", false, Tables.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    r.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML)
        .supporting(MIMEType.TEXT_HTML).register((t, ctx) ->
            ctx.getOutputContainer().assign(render(t)));
    return true;
  }

  /** {@code t} as a titled table: column names with their types, then rows. */
  public static DisplayData render(Table t) {
    List<String> head = new ArrayList<>();
    for (var c : t.columns()) {
      head.add(c.name() + " (" + c.type().name() + ")");
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(ROWS, t.rowCount()); i++) {
      List<String> row = new ArrayList<>();
      for (var c : t.columns()) {
        row.add(c.getString(i));
      }
      rows.add(row);
    }
    String title = t.name() + ": " + t.rowCount() + " rows x " + t.columnCount() + " columns"
        + (t.rowCount() > ROWS ? " (first " + ROWS + " shown)" : "");
    return Html.table(title, head, rows);
  }
}
