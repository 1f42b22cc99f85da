package dev.cellflow.kernel.display;

import dev.cellflow.card.Card;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A task's cards as notebook outputs, one each, in the form Jupyter shows best: Markdown as
 * Markdown, tables as HTML tables (the first {@value Tables#ROWS} rows), images as themselves,
 * text as text; each with a text form for clients that show only text.
 */
public final class CardDisplays {
  private CardDisplays() {}

  /** One display per card, in the order the step attached them. */
  public static List<DisplayData> of(List<Card> cards) {
    List<DisplayData> out = new ArrayList<>();
    for (Card c : cards) {
      out.add(of(c));
    }
    return out;
  }

  private static DisplayData of(Card c) {
    if (c instanceof Card.Markdown m) {
      DisplayData d = new DisplayData(m.markdown());
      d.putMarkdown(m.markdown());
      return d;
    }
    if (c instanceof Card.Table t) {
      List<List<String>> rows = t.rows().subList(0, Math.min(Tables.ROWS, t.rows().size()));
      String title = (t.name().isEmpty() ? "table" : t.name()) + ": " + t.rows().size()
          + " rows" + (t.rows().size() > rows.size() ? " (first " + rows.size() + " shown)" : "");
      return Html.table(title, t.columns(), rows);
    }
    if (c instanceof Card.Image i) {
      DisplayData d = new DisplayData("[" + i.mediaType() + " card, " + i.bytes().length
          + " bytes]");
      if (i.mediaType().equals("image/svg+xml")) {
        d.putSVG(new String(i.bytes(), StandardCharsets.UTF_8));
      } else {
        d.putData(i.mediaType(), Base64.getEncoder().encodeToString(i.bytes()));
      }
      return d;
    }
    return new DisplayData(((Card.Text) c).text());
  }
}
