package dev.cellflow.internal.startup;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.config.Config;

/**
 * The switches of the start-up speed machinery: one master switch, {@code fastStart}
 * ({@code CELLFLOW_FAST_START=false} turns every piece off), and one per piece, each a setting
 * read through {@link Config} (environment variable over config file over the default, on).
 * With the master switch off, cellflow runs as a plain JVM program would: no second JVM, no
 * class-data archives, no early process, every class path read afresh (the per-machine cache
 * then keeps only which collector this JVM build takes, a probe of a JVM start). That is the
 * baseline docs/startup.md measures each piece against, and the first thing to try when a
 * start-up trick is suspected of a fault.
 */
public final class FastStart {
  /** One piece of the machinery; its setting's key (camelCase) names its variable too. */
  public enum Piece {
    /** {@code cellflow export} in a fast-starting copy of its JVM ({@link DriverJvm}). */
    RELAUNCH("relaunch"),
    /** Class-data archives for task processes and the runtime's copy ({@link CdsArchive}). */
    CDS("cds"),
    /** A flow class's bytecode scans kept per class path (the graph's ScanCache). */
    SCAN_CACHE("scanCache"),
    /** The run's first task process booted as the command line starts (local's EarlyWorker). */
    EARLY_WORKER("earlyWorker"),
    /** A plain {@code run} command line read without picocli (cli's QuickRun). */
    QUICK_RUN("quickRun"),
    /** Transparent huge pages for task heaps ({@link HugePages}). */
    HUGE_PAGES("hugePages");

    private final String key;

    Piece(String key) {
      this.key = key;
    }

    /** The setting's key, as in the config file; {@link Config#envName} gives its variable. */
    public String key() {
      return key;
    }
  }

  /** The master switch's key: {@code CELLFLOW_FAST_START}. */
  public static final String MASTER = "fastStart";

  private static volatile FastStart current;

  private final Config config;

  private FastStart(Config config) {
    this.config = config;
  }

  /** The switches as {@code config} sets them. */
  public static FastStart of(Config config) {
    return new FastStart(config);
  }

  /** This process's switches, read once (each JVM of a run inherits the same settings). */
  public static FastStart current() {
    FastStart f = current;
    if (f == null) {
      f = new FastStart(Config.load());
      current = f;
    }
    return f;
  }

  /** Whether {@code piece} is on in this process: the master switch and its own. */
  public static boolean on(Piece piece) {
    return current().isOn(piece);
  }

  /** Whether {@code piece} is on: both the master switch and the piece's own setting. */
  public boolean isOn(Piece piece) {
    return flag(MASTER) && flag(piece.key());
  }

  /** The setting {@code key} as true or false (default true); an error naming it otherwise. */
  private boolean flag(String key) {
    String v = config.get(key, "true").trim();
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new CellflowException(config.where(key) + " is '" + v + "': use true or false (a"
        + " start-up speed switch, on by default; see docs/startup.md)");
  }
}
