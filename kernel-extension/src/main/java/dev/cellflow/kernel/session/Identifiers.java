package dev.cellflow.kernel.session;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names Java source mentions, with comments and string, char and text-block literals left
 * out: what decides which session variables and declarations a cell reads. It over-approximates
 * (a field access {@code p.x} mentions {@code x}), which ships a little more, never less.
 */
public final class Identifiers {
  private Identifiers() {}

  private static final Pattern ASSIGN = Pattern.compile(
      "(?<![\\w$.])([A-Za-z_$][\\w$]*)\\s*(?:=(?!=)|[-+*/%&|^]=|<<=|>>>?=|\\+\\+|--)"
          + "|(?:\\+\\+|--)\\s*([A-Za-z_$][\\w$]*)");

  /** Every identifier in {@code src}, in order of first mention. */
  public static Set<String> of(String src) {
    Set<String> out = new LinkedHashSet<>();
    String code = codeOnly(src);
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (Character.isJavaIdentifierStart(c)) {
        int j = i + 1;
        while (j < code.length() && Character.isJavaIdentifierPart(code.charAt(j))) {
          j++;
        }
        out.add(code.substring(i, j));
        i = j;
      } else if (Character.isDigit(c)) {
        while (i < code.length() && Character.isJavaIdentifierPart(code.charAt(i))) {
          i++; // 10L, 0x1F: not names
        }
      } else {
        i++;
      }
    }
    return out;
  }

  /** The names {@code src} assigns, increments or decrements (a declaration's too). */
  public static Set<String> assigned(String src) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = ASSIGN.matcher(codeOnly(src));
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return out;
  }

  /** {@code src} with comments and literals blanked (same length, lines kept). */
  static String codeOnly(String src) {
    StringBuilder b = new StringBuilder(src.length());
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
        while (i < n && src.charAt(i) != '\n') {
          b.append(' ');
          i++;
        }
      } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        blank(src, i, end, b);
        i = end;
      } else if (src.startsWith("\"\"\"", i)) {
        int end = src.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        blank(src, i, end, b);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        int end = Math.min(n, j + 1);
        blank(src, i, end, b);
        i = end;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  private static void blank(String src, int from, int to, StringBuilder b) {
    for (int k = from; k < to; k++) {
      b.append(src.charAt(k) == '\n' ? '\n' : ' ');
    }
  }
}
