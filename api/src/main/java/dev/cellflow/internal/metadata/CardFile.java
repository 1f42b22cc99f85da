package dev.cellflow.internal.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cellflow.card.Card;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's {@code cards.json}: {@code {"cards": [{"kind": "text", "text": ...}, {"kind":
 * "table", "name": ..., "columns": [...], "rows": [[...]]}, {"kind": "image", "mediaType":
 * "image/png", "data": BASE64}]}}. A kind this version does not know (one written by a newer
 * cellflow) is skipped, so that the others still show.
 */
public final class CardFile {
  private CardFile() {}

  /** One card as stored; only the fields of its kind are present. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Stored(String kind, String text, String name, List<String> columns,
      List<List<String>> rows, String mediaType, byte[] data) {}

  /** The stored file. */
  record StoredFile(List<Stored> cards) {}

  /** {@code cards} as the bytes of a {@code cards.json}. */
  public static byte[] write(List<Card> cards) throws IOException {
    List<Stored> out = new ArrayList<>();
    for (Card c : cards) {
      out.add(c instanceof Card.Text t ? stored("text", t.text())
          : c instanceof Card.Markdown m ? stored("markdown", m.markdown())
          : c instanceof Card.Table tb ? new Stored("table", null, tb.name(), tb.columns(),
              tb.rows(), null, null)
          : new Stored("image", null, null, null, null, ((Card.Image) c).mediaType(),
              ((Card.Image) c).bytes()));
    }
    return Json.mapper().writeValueAsBytes(new StoredFile(out));
  }

  private static Stored stored(String kind, String text) {
    return new Stored(kind, text, null, null, null, null, null);
  }

  /** The cards in a {@code cards.json}. */
  public static List<Card> read(InputStream in) throws IOException {
    StoredFile f = Json.mapper().readValue(in, StoredFile.class);
    List<Card> out = new ArrayList<>();
    if (f == null || f.cards() == null) {
      return out;
    }
    for (Stored s : f.cards()) {
      Card c = switch (String.valueOf(s.kind())) {
        case "text" -> new Card.Text(s.text());
        case "markdown" -> new Card.Markdown(s.text());
        case "table" -> new Card.Table(s.name(), s.columns(), s.rows());
        case "image" -> new Card.Image(s.mediaType(), s.data());
        default -> null;
      };
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }
}
