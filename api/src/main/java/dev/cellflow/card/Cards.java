package dev.cellflow.card;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The cards of the running task, in the order the step attached them; {@code
 * Current.get().card()} returns them. A step that ends well stores them with its result:
 *
 * <pre>{@code
 * Current.get().card()
 *     .markdown("## Fit\nresiduals below 1e-6")
 *     .table(tablesawTable)            // a tech.tablesaw.api.Table
 *     .image("image/png", pngBytes)    // or .svg(svgText)
 * }</pre>
 *
 * <p>A card holds at most {@link #MAX_CARD} bytes and a task's cards {@link #MAX_TASK} in all:
 * cards are for looking at, and a larger value belongs in an artifact. Safe to call from the
 * step's own threads. A card refused is an {@link IllegalArgumentException} (an {@link
 * IllegalStateException} past the task's cap) whose message names the step and the rule: this
 * package depends on nothing else of cellflow, so that {@code dev.cellflow} may use it.
 */
public final class Cards {
  /** The most bytes one card may hold. */
  public static final long MAX_CARD = 1 << 20;
  /** The most bytes a task's cards may hold together. */
  public static final long MAX_TASK = 4 << 20;
  private static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif",
      "image/webp", "image/svg+xml");
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final String step;
  private final String task;
  private final List<Card> cards = new ArrayList<>();
  private long bytes;

  /** The cards of a task of {@code step}; {@code task} is its pathspec, for messages. */
  public Cards(String step, String task) {
    this.step = step;
    this.task = task;
  }

  private String where() {
    return "card of step '" + step + "' (task " + task + ")";
  }

  /** Adds plain text. */
  public Cards text(String text) {
    return add(new Card.Text(required(text, "text")));
  }

  /** Adds Markdown. */
  public Cards markdown(String markdown) {
    return add(new Card.Markdown(required(markdown, "markdown")));
  }

  /**
   * Adds a Tablesaw table ({@code tech.tablesaw.api.Table}), each cell as its column prints it.
   * Typed {@code Object} so that cellflow needs Tablesaw only when a step passes a table.
   */
  public Cards table(Object tablesawTable) {
    required(tablesawTable, "table");
    if (!tablesawTable.getClass().getName().equals("tech.tablesaw.api.Table")) {
      throw new IllegalArgumentException(where() + ": table(...) takes a Tablesaw"
          + " table (tech.tablesaw.api.Table), not a " + tablesawTable.getClass().getName()
          + "; for other data use table(columns, rows)");
    }
    return add(TablesawTables.card(tablesawTable));
  }

  /** Adds a table of {@code columns} and {@code rows} (each cell shown as its toString). */
  public Cards table(List<String> columns, List<? extends List<?>> rows) {
    required(columns, "columns");
    List<List<String>> cells = new ArrayList<>();
    for (List<?> r : required(rows, "rows")) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException(where() + ": row " + cells.size() + " has "
            + r.size() + " cells for " + columns.size() + " columns");
      }
      cells.add(r.stream().map(String::valueOf).toList());
    }
    return add(new Card.Table("", columns, cells));
  }

  /**
   * Adds an image: {@code mediaType} is {@code image/png}, {@code image/jpeg}, {@code
   * image/gif}, {@code image/webp} or {@code image/svg+xml}, {@code bytes} the image file.
   */
  public Cards image(String mediaType, byte[] bytes) {
    required(bytes, "image");
    if (!IMAGES.contains(mediaType)) {
      throw new IllegalArgumentException(where() + ": image type '" + mediaType
          + "' is not one of " + IMAGES.stream().sorted().toList());
    }
    if (mediaType.equals("image/png") && (bytes.length < PNG.length
        || !Arrays.equals(bytes, 0, PNG.length, PNG, 0, PNG.length))) {
      throw new IllegalArgumentException(where() + ": the image/png bytes do not start"
          + " with the PNG signature; pass the bytes of a PNG file (ImageIO.write(img, \"png\","
          + " out))");
    }
    return add(new Card.Image(mediaType, bytes.clone()));
  }

  /** Adds an SVG image given as its text. */
  public Cards svg(String svg) {
    return image("image/svg+xml", required(svg, "svg").getBytes(StandardCharsets.UTF_8));
  }

  /** The cards added so far, in order. */
  public synchronized List<Card> all() {
    return List.copyOf(cards);
  }

  private synchronized Cards add(Card card) {
    long size = card.size();
    if (size > MAX_CARD) {
      throw new IllegalArgumentException(where() + ": a " + card.kind() + " card of "
          + size + " bytes is over the cap of " + MAX_CARD + " bytes (1 MB) per card; make it"
          + " smaller (fewer rows, a smaller image), or store the value as an artifact");
    }
    if (bytes + size > MAX_TASK) {
      throw new IllegalStateException(where() + ": this " + card.kind() + " card of "
          + size + " bytes takes the task's cards over the cap of " + MAX_TASK + " bytes (4 MB)"
          + " per task; attach fewer or smaller cards");
    }
    bytes += size;
    cards.add(card);
    return this;
  }

  private <T> T required(T value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(where() + ": the " + what + " is null");
    }
    return value;
  }
}
