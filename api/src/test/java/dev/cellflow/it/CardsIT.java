package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.Current;
import dev.cellflow.FlowSpec;
import dev.cellflow.Step;
import dev.cellflow.card.Card;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A flow run through its own {@code main} attaches a text card, a Tablesaw table and a PNG to its
 * start task; the Client API reads them back exactly, the report shows them inline, and a resumed
 * run keeps the cards of the tasks it takes over.
 */
class CardsIT {
  @TempDir Path root;

  /** start attaches cards; end fails while CARDS_FAIL_END is set, for the resume. */
  public static class Charted extends FlowSpec {
    int n;

    @Step public void start() {
      n = 2;
      Table scores = Table.create("scores", StringColumn.create("name", "ada", "bob"),
          DoubleColumn.create("score", 1.5, 2.25));
      Current.get().card().text("fit <ok> & done").table(scores).image("image/png", png());
      next(this::end);
    }

    @Step public void end() {
      if (System.getenv("CARDS_FAIL_END") != null) {
        throw new IllegalStateException("failing end on purpose");
      }
      System.out.println("n=" + n);
    }

    public static void main(String[] args) {
      FlowSpec.main(Charted.class, args);
    }
  }

  /** A 3x2 PNG, the same bytes every time (ImageIO writes no time stamp). */
  static byte[] png() {
    BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 1, 0xff8800);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void aStepsCardsAreReadBackAndShownInTheReport() throws Exception {
    Runs.Result run = Runs.finish(Runs.viaMain(Map.of("CARDS_FAIL_END", "1"), Charted.class,
        root, "run"));
    assertEquals(1, run.code(), run.out());
    Runs.Result resumed = Runs.finish(Runs.viaMain(Map.of(), Charted.class, root, "resume"));
    assertEquals(0, resumed.code(), resumed.out());

    Flow flow = Flow.in(new LocalStorage(root), "Charted");
    for (int id : List.of(1, 2)) { // the run that made them, and the resume that took start over
      Run r = flow.run(id);
      List<Card> cards = r.step("start").task().cards();
      assertEquals(3, cards.size(), "run " + id + ": " + cards);
      assertEquals(new Card.Text("fit <ok> & done"), cards.get(0));
      assertEquals(new Card.Table("scores", List.of("name", "score"),
          List.of(List.of("ada", "1.5"), List.of("bob", "2.25"))), cards.get(1));
      Card.Image img = (Card.Image) cards.get(2);
      assertEquals("image/png", img.mediaType());
      assertArrayEquals(png(), img.bytes());
    }
    assertEquals(List.of(), flow.run(2).step("end").task().cards(), "end attached none");
    assertFalse(Files.exists(root.resolve("Charted/2/end/" + flow.run(2).step("end").task().id()
        + "/cards.json")), "a task without cards writes no file");

    Path html = root.resolve("report.html");
    Runs.Result rep = Runs.finish(Runs.viaMain(Map.of(), Charted.class, root, "report", "2",
        "-o", html.toString()));
    assertEquals(0, rep.code(), rep.out());
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.contains("<pre class=\"text\">fit &lt;ok&gt; &amp; done</pre>"), "text card");
    assertTrue(page.contains("<caption>scores</caption><tr><th>name</th><th>score</th></tr>\n"
        + "<tr><td>ada</td><td>1.5</td></tr>\n<tr><td>bob</td><td>2.25</td></tr>"),
        "the table card's values");
    assertTrue(page.contains("<img alt=\"image card\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png()) + "\">"), "the PNG inline");
    // still self-contained: the only source is the inline image
    assertFalse(Pattern.compile("<script|<link|<iframe|href=|@import|url\\(http|src=\"(?!data:)")
        .matcher(page).find(), "the report loads nothing");
  }
}
