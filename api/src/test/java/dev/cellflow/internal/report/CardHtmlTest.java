package dev.cellflow.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.card.Card;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report shows cards within its caps, and says what it left out. */
class CardHtmlTest {
  @Test
  void largeCardsAndLongTablesAreCutAndNamed() {
    StringBuilder b = new StringBuilder();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      rows.add(List.of("r" + i));
    }
    new CardHtml().append(b, List.of(new Card.Markdown("# <h>"),
        new Card.Table("", List.of("c"), rows),
        new Card.Text("z".repeat(CardHtml.CARD + 1)),
        new Card.Image("text/html", new byte[] {'<'})));
    String html = b.toString();
    assertTrue(html.contains("<pre class=\"markdown\"># &lt;h&gt;</pre>"), html);
    assertTrue(html.contains("<td>r99</td>") && !html.contains("<td>r100</td>")
        && html.contains("first 100 of 150 rows"), "a table shows its first 100 rows");
    assertTrue(html.contains("text card of 256.0 KB not shown: the report shows 256.0 KB per"
        + " card; read it with Task.cards()"), html.substring(0, 2000));
    assertTrue(!html.contains("zzz") && !html.contains("<img"), "neither the text nor a"
        + " non-image is shown");
  }

  @Test
  void aStepShowsAtMostItsShareOfCards() {
    CardHtml step = new CardHtml();
    String card = String.join("", Collections.nCopies(200 * 1024, "a"));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      step.append(b, List.of(new Card.Text(card))); // six tasks of one step
    }
    String html = b.toString();
    assertEquals(5, html.split("<pre class=\"text\">", -1).length - 1, "5 x 200 KB fit in 1 MB");
    assertTrue(html.contains("text card of 200.0 KB not shown: the report shows 1.0 MB of cards"
        + " per step"), "the sixth is named");
  }
}
