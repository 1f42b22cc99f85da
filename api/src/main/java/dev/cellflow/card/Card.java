package dev.cellflow.card;

import java.util.List;

/**
 * One piece of content a step attached to its task: {@link Text}, {@link Markdown}, {@link
 * Table} or {@link Image}. Made through {@link Cards} while the step runs; read back through
 * {@code dev.cellflow.client.Task#cards()}.
 */
public sealed interface Card {
  /** {@code text}, {@code markdown}, {@code table} or {@code image}. */
  String kind();

  /** What the card holds, in bytes (UTF-8 text, a table's cells, an image's bytes). */
  long size();

  /**
   * Plain text, shown as it is.
   *
   * @param text the text
   */
  record Text(String text) implements Card {
    @Override
    public String kind() {
      return "text";
    }

    @Override
    public long size() {
      return utf8(text);
    }
  }

  /**
   * Markdown source (the report shows it as preformatted text).
   *
   * @param markdown the Markdown
   */
  record Markdown(String markdown) implements Card {
    @Override
    public String kind() {
      return "markdown";
    }

    @Override
    public long size() {
      return utf8(markdown);
    }
  }

  /**
   * A table of text cells: a Tablesaw table's values as its columns print them.
   *
   * @param name the table's name, or ""
   * @param columns the column names
   * @param rows the rows, each as many cells as there are columns
   */
  record Table(String name, List<String> columns, List<List<String>> rows) implements Card {
    /** Copies the lists, so a card does not change when the step's lists do. */
    public Table {
      name = name == null ? "" : name;
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
    }

    @Override
    public String kind() {
      return "table";
    }

    @Override
    public long size() {
      long n = utf8(name);
      for (String c : columns) {
        n += utf8(c);
      }
      for (List<String> r : rows) {
        for (String c : r) {
          n += utf8(c);
        }
      }
      return n;
    }
  }

  /**
   * An image: PNG, JPEG, GIF, WebP or SVG bytes (a chart from XChart or JFreeChart, a plot).
   *
   * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp}
   *     or {@code image/svg+xml}
   * @param bytes the image file's bytes (as for any record, {@code equals} compares the array
   *     by identity: compare bytes with {@code Arrays.equals})
   */
  record Image(String mediaType, byte[] bytes) implements Card {
    @Override
    public String kind() {
      return "image";
    }

    @Override
    public long size() {
      return bytes.length;
    }
  }

  private static long utf8(String s) {
    return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
