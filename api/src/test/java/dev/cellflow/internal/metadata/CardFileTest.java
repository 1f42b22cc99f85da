package dev.cellflow.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cellflow.card.Card;
import dev.cellflow.card.Cards;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task's cards.json read back. */
class CardFileTest {
  @Test
  void cardsJsonRoundTripsAndSkipsKindsItDoesNotKnow() throws Exception {
    byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8);
    Cards cards = new Cards("plot", "Fit/3/plot/7");
    cards.text("t").markdown("# m").table(List.of("k", "v"), List.of(List.of("a", 1)))
        .svg(new String(svg, StandardCharsets.UTF_8));
    List<Card> back = CardFile.read(new ByteArrayInputStream(CardFile.write(cards.all())));
    assertEquals(cards.all().subList(0, 3), back.subList(0, 3));
    Card.Image img = (Card.Image) back.get(3);
    assertEquals("image/svg+xml", img.mediaType());
    assertArrayEquals(svg, img.bytes());

    String newer = "{\"cards\":[{\"kind\":\"vega\",\"spec\":{}},{\"kind\":\"text\",\"text\":\"ok\","
        + "\"since\":2}]}";
    assertEquals(List.of(new Card.Text("ok")), CardFile.read(new ByteArrayInputStream(
        newer.getBytes(StandardCharsets.UTF_8))));
  }
}
