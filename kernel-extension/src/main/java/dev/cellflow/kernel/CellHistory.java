package dev.cellflow.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The cells this kernel process has run, for {@code history_request}: JupyterLab asks for the
 * tail when it opens a notebook (the up-arrow history of a console, and its first tracked status
 * message), and {@code %history}-like tools ask for ranges and searches. Kept in memory: a
 * restarted kernel starts a new session, as the protocol's session numbers say.
 */
final class CellHistory implements HistoryManager {
  /** The one session this process knows: the protocol numbers the current one 0 or 1. */
  private static final int SESSION = 1;

  private final List<HistoryEntry> cells = new ArrayList<>();

  /** Records a cell's source under its execution count. */
  synchronized void add(int executionCount, String source) {
    cells.add(new HistoryEntry(SESSION, executionCount, source, null));
  }

  @Override
  public synchronized List<HistoryEntry> lookupTail(int n, Set<ResultFlag> flags) {
    int from = Math.max(0, cells.size() - Math.max(0, n));
    return List.copyOf(cells.subList(from, cells.size()));
  }

  /**
   * Cells {@code start} (inclusive) to {@code stop} (exclusive) of a session; a stop of 0 or
   * less means "to the end". Sessions other than the current one (0, 1, or a relative -0) are
   * gone with their process, so they have no cells.
   */
  @Override
  public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop,
      Set<ResultFlag> flags) {
    if (session != 0 && session != SESSION) {
      return List.of();
    }
    List<HistoryEntry> out = new ArrayList<>();
    for (HistoryEntry e : cells) {
      if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The last {@code n} cells whose source matches a glob ({@code *}, {@code ?}). */
  @Override
  public synchronized List<HistoryEntry> search(String glob, int n, Set<ResultFlag> flags) {
    Pattern p = globToRegex(glob == null || glob.isEmpty() ? "*" : glob);
    boolean unique = flags.contains(ResultFlag.UNIQUE);
    List<HistoryEntry> matches = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = cells.size() - 1; i >= 0 && (n <= 0 || matches.size() < n); i--) {
      HistoryEntry e = cells.get(i);
      if (p.matcher(e.getInput()).matches() && (!unique || seen.add(e.getInput()))) {
        matches.add(0, e);
      }
    }
    return matches;
  }

  private static Pattern globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
