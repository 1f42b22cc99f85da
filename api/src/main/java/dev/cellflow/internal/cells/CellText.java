package dev.cellflow.internal.cells;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell as cellflow reads it, in the kernel and in export alike: magic lines at its top
 * ({@code %name args}), or a first line {@code %%name args} that hands the rest of the cell to a
 * cell magic; then its code. A {@code %} line after the first line of code is code.
 *
 * @param lineMagics the line magics at the top, in order
 * @param cellMagic the cell magic, or null
 * @param body the code after the magics (blank lines kept, so line numbers still match)
 */
public record CellText(List<Magic> lineMagics, Magic cellMagic, String body) {
  /** A magic's name and arguments. */
  public record Magic(String name, List<String> args) {
    /** The magic as written, {@code %name args}, for messages. */
    public String line() {
      return ("%" + name + " " + String.join(" ", args)).strip();
    }
  }

  /** Reads {@code source}: its magic lines, then its code. */
  public static CellText parse(String source) {
    String[] lines = source.split("\n", -1);
    List<Magic> magics = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      String t = lines[i].strip();
      if (t.startsWith("%%") && magics.isEmpty()) {
        return new CellText(List.of(), magic(t.substring(2)), rest(lines, i + 1));
      }
      if (t.startsWith("%") && !t.startsWith("%%")) {
        magics.add(magic(t.substring(1)));
      } else if (!t.isEmpty()) {
        break;
      }
      i++;
    }
    return new CellText(magics, null, "\n".repeat(i) + rest(lines, i));
  }

  private static String rest(String[] lines, int from) {
    return from >= lines.length ? "" : String.join("\n", List.of(lines).subList(from,
        lines.length));
  }

  /** {@code name args...}; double quotes group words with spaces. */
  private static Magic magic(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          words.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(w.toString());
    }
    if (words.isEmpty()) {
      return new Magic("", List.of());
    }
    return new Magic(words.get(0), List.copyOf(words.subList(1, words.size())));
  }
}
