package dev.cellflow.internal.progress;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.runtime.RunListener;
import java.io.PrintStream;
import java.util.List;

/**
 * How a run shows itself on the command line, chosen once per run: on a terminal, live lines
 * per active step below the output ({@link LiveLine}); elsewhere (CI, pipes, files) plain lines
 * only, with one summary line per finished foreach; quiet, only failures and the result line,
 * without the tasks' output. {@code CELLFLOW_PROGRESS} ({@code auto}, {@code live} or {@code
 * plain}) overrides the terminal check; {@code TERM=dumb} gets plain lines.
 *
 * <p>While live lines are shown, {@code System.out} and {@code System.err} are replaced by
 * streams that write whole lines above them (anything printed during the run, not only the
 * tasks' output); {@link #close} puts the originals back.
 */
public final class Console implements AutoCloseable {
  /** What the terminal shows. */
  public enum Mode { QUIET, PLAIN, LIVE }

  private final Mode mode;
  private final RunListener listener;
  private final LiveLine live;
  private final PrintStream oldOut;
  private final PrintStream oldErr;
  private final Thread hook;

  private Console(Mode mode) {
    this.mode = mode;
    this.oldOut = System.out;
    this.oldErr = System.err;
    Tally tally = new Tally();
    if (mode == Mode.LIVE) {
      Terminal t = new Terminal(oldOut, oldErr, Terminal.sameTerminal());
      live = new LiveLine(tally, t);
      System.setOut(t.stream(false));
      System.setErr(t.stream(true));
      hook = new Thread(live::close, "cellflow-progress-end"); // Ctrl-C: no line left behind
      Runtime.getRuntime().addShutdownHook(hook);
    } else {
      live = null;
      hook = null;
    }
    RunLines lines = new RunLines(tally, mode == Mode.QUIET, null, null);
    // the live lines are cleared before the run's last line is printed
    listener = live == null ? RunListener.of(List.of(tally, lines))
        : RunListener.of(List.of(tally, live, lines));
  }

  /** The console for a run: quiet when asked, else by {@code config} and the terminal. */
  public static Console open(boolean quiet, Config config) {
    return new Console(mode(quiet, config.get("progress", "auto").trim(),
        System.getenv("TERM"), Terminal.isTerminal(1)));
  }

  /** The mode for these settings (a bad {@code progress} setting names itself). */
  static Mode mode(boolean quiet, String progress, String term, boolean terminal) {
    if (quiet) {
      return Mode.QUIET;
    }
    return switch (progress) {
      case "live" -> Mode.LIVE;
      case "plain" -> Mode.PLAIN;
      case "auto" -> terminal && !"dumb".equals(term) ? Mode.LIVE : Mode.PLAIN;
      default -> throw new CellflowException(Config.envName("progress") + " is '" + progress
          + "'; use auto (live lines on a terminal, the default), live or plain");
    };
  }

  /** The mode chosen. */
  public Mode mode() {
    return mode;
  }

  /** What the run reports to. */
  public RunListener listener() {
    return listener;
  }

  /** Whether the tasks' output lines are shown as they are printed (not when quiet). */
  public boolean taskOutput() {
    return mode != Mode.QUIET;
  }

  /** Clears the live lines and puts System's streams back. */
  @Override
  public void close() {
    if (live == null) {
      return;
    }
    live.close();
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(oldOut);
    System.setErr(oldErr);
    out.close(); // a last line without its end is written now
    err.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down: the hook runs
    }
  }
}
