package dev.cellflow.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import dev.cellflow.Current;
import dev.cellflow.datastore.DamagedRecordException;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.io.ByteArrayInputStream;
import dev.cellflow.internal.StepRecorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cards refused with one line naming the step and the rule, and cards.json damaged. */
class CardsTest {
  private final Cards cards = new Cards("plot", "Fit/3/plot/7");

  @Test
  void aCardOverTheCapNamesTheStepAndTheCap() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cards.text("x".repeat((int) Cards.MAX_CARD + 1)));
    assertEquals("card of step 'plot' (task Fit/3/plot/7): a text card of 1048577 bytes is over"
        + " the cap of 1048576 bytes (1 MB) per card; make it smaller (fewer rows, a smaller"
        + " image), or store the value as an artifact", e.getMessage());
    assertTrue(cards.all().isEmpty(), "nothing was attached");
  }

  @Test
  void aTasksCardsTogetherHaveACap() {
    String mb = "y".repeat((int) Cards.MAX_CARD);
    for (int i = 0; i < 4; i++) {
      cards.markdown(mb);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> cards.text("one more"));
    assertTrue(e.getMessage().startsWith("card of step 'plot' (task Fit/3/plot/7): this text"
        + " card of 8 bytes takes the task's cards over the cap of 4194304 bytes (4 MB) per"
        + " task"), e.getMessage());
    assertEquals(4, cards.all().size());
  }

  @Test
  void badImagesAndTablesAreRefusedByName() {
    String png = assertThrows(IllegalArgumentException.class,
        () -> cards.image("image/png", "GIF89a".getBytes(StandardCharsets.US_ASCII)))
        .getMessage();
    assertTrue(png.startsWith("card of step 'plot' (task Fit/3/plot/7): the image/png bytes do"
        + " not start with the PNG signature"), png);
    String type = assertThrows(IllegalArgumentException.class,
        () -> cards.image("text/html", new byte[1])).getMessage();
    assertTrue(type.contains("image type 'text/html' is not one of [image/gif, image/jpeg,"
        + " image/png, image/svg+xml, image/webp]"), type);
    String table = assertThrows(IllegalArgumentException.class,
        () -> cards.table(List.of(1, 2))).getMessage();
    assertTrue(table.contains("table(...) takes a Tablesaw table (tech.tablesaw.api.Table),"
        + " not a java.util.ImmutableCollections$List12"), table);
    String row = assertThrows(IllegalArgumentException.class,
        () -> cards.table(List.of("a", "b"), List.of(List.of(1)))).getMessage();
    assertTrue(row.endsWith("row 0 has 1 cells for 2 columns"), row);
    assertTrue(cards.all().isEmpty());
  }

  @Test
  void outsideAStepThereAreNoCards() {
    StepRecorder.setRunning(null);
    assertThrows(CellflowException.class, () -> Current.get().card());
    Current c = new Current("Fit", 3, "plot", 7, 0, "local", "/tmp/x");
    StepRecorder.setRunning(new StepRecorder(c, null, -1));
    try {
      c.card().text("hello");
      assertEquals(List.of(new Card.Text("hello")), Current.get().card().all());
    } finally {
      StepRecorder.setRunning(null);
    }
    assertThrows(CellflowException.class, c::card, "a finished task's cards are closed");
  }

  @Test
  void damagedCardsNameTheirFileAndOtherTasksHaveNone(@TempDir Path root) throws Exception {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Fit");
    ds.saveCards(3, "plot", 7, List.of(new Card.Text("kept")));
    assertEquals(List.of(new Card.Text("kept")), ds.cards(3, "plot", 7));
    assertEquals(List.of(), ds.cards(3, "plot", 8), "a task without cards.json has none");
    Path file = root.resolve("Fit/3/plot/7/cards.json");
    Files.writeString(file, "{\"cards\": [");
    DamagedRecordException e = assertThrows(DamagedRecordException.class,
        () -> ds.cards(3, "plot", 7));
    assertTrue(e.getMessage().startsWith(file + " is damaged (not JSON of cards: "),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

}
