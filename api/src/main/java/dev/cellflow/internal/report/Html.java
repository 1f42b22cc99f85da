package dev.cellflow.internal.report;

/** Text made safe for HTML and SVG, and small formatting helpers. */
final class Html {
  private Html() {}

  /** {@code s} with the characters HTML gives a meaning escaped; null as the empty string. */
  static String esc(Object s) {
    if (s == null) {
      return "";
    }
    String t = s.toString();
    StringBuilder b = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Milliseconds as seconds with one decimal ({@code 4.1 s}). */
  static String secs(long ms) {
    return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  /** A byte count in B, KB or MB. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KB", n / 1024.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
  }

  /** The CSS colour of a status. */
  static String colour(String status) {
    return switch (status) {
      case "succeeded" -> "#3c9a5f";
      case "failed", "dead" -> "#d0453b";
      case "caught" -> "#e0a030";
      case "killed" -> "#8a5a9a";
      case "running" -> "#3b7dd8";
      default -> "#9aa0a6";
    };
  }
}
