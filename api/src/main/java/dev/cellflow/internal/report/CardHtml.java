package dev.cellflow.internal.report;

import static dev.cellflow.internal.report.Html.esc;

import dev.cellflow.card.Card;
import java.util.Base64;
import java.util.List;

/**
 * A task's cards in the report: text and Markdown as preformatted text, tables as HTML tables,
 * images inline as {@code data:} URIs, so the file stays self-contained. Each card shows at most
 * {@link #CARD} bytes (a table its first {@link #ROWS} rows) and a step's cards {@link #STEP}
 * bytes in all; what is left out is named, and readable through {@code Task.cards()}.
 */
final class CardHtml {
  /** The most bytes of one card shown. */
  static final int CARD = 256 * 1024;
  /** The most bytes of one step's cards shown. */
  static final int STEP = 1024 * 1024;
  /** The most rows of one table shown. */
  static final int ROWS = 100;

  private int left = STEP;

  /** Appends {@code cards} to {@code b}, within what this step has left to show. */
  void append(StringBuilder b, List<Card> cards) {
    if (cards.isEmpty()) {
      return;
    }
    b.append("<div class=\"cards\">\n");
    for (Card c : cards) {
      b.append("<div class=\"card\" data-kind=\"").append(c.kind()).append("\">");
      long size = c.size();
      if (size > CARD || size > left) {
        b.append("<p class=\"meta\">").append(c.kind()).append(" card of ")
            .append(Html.bytes(size)).append(" not shown: the report shows ")
            .append(size > CARD ? Html.bytes(CARD) + " per card" : Html.bytes(STEP)
                + " of cards per step").append("; read it with Task.cards()</p>");
      } else {
        left -= size;
        card(b, c);
      }
      b.append("</div>\n");
    }
    b.append("</div>\n");
  }

  private static void card(StringBuilder b, Card c) {
    if (c instanceof Card.Text t) {
      b.append("<pre class=\"text\">").append(esc(t.text())).append("</pre>");
    } else if (c instanceof Card.Markdown m) {
      b.append("<pre class=\"markdown\">").append(esc(m.markdown())).append("</pre>");
    } else if (c instanceof Card.Table t) {
      table(b, t);
    } else if (c instanceof Card.Image i && i.mediaType().startsWith("image/")) {
      b.append("<img alt=\"image card\" src=\"data:").append(esc(i.mediaType()))
          .append(";base64,").append(Base64.getEncoder().encodeToString(i.bytes()))
          .append("\">");
    }
  }

  private static void table(StringBuilder b, Card.Table t) {
    b.append("<table class=\"card-table\">");
    if (!t.name().isEmpty()) {
      b.append("<caption>").append(esc(t.name())).append("</caption>");
    }
    b.append("<tr>");
    t.columns().forEach(col -> b.append("<th>").append(esc(col)).append("</th>"));
    b.append("</tr>\n");
    for (List<String> row : t.rows().subList(0, Math.min(ROWS, t.rows().size()))) {
      b.append("<tr>");
      row.forEach(cell -> b.append("<td>").append(esc(cell)).append("</td>"));
      b.append("</tr>\n");
    }
    b.append("</table>");
    if (t.rows().size() > ROWS) {
      b.append("<p class=\"meta\">first ").append(ROWS).append(" of ").append(t.rows().size())
          .append(" rows</p>");
    }
  }
}
