package dev.cellflow.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** An exception's cause chain as text, for messages that would otherwise end at the first. */
public final class Causes {
  private Causes() {}

  /**
   * Each cause of {@code t}, outermost first, as {@code separator + "Caused by: " + cause}; a
   * cause whose text or message {@code t}'s message already holds is left out. Empty when there is none.
   */
  public static String of(Throwable t, String separator) {
    StringBuilder b = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(t);
    String said = String.valueOf(t.getMessage());
    for (Throwable c = t.getCause(); c != null && seen.add(c); c = c.getCause()) {
      String line = c.toString();
      if (!said.contains(line) && (c.getMessage() == null || !said.contains(c.getMessage()))) {
        b.append(separator).append("Caused by: ").append(line);
      }
    }
    return b.toString();
  }
}
