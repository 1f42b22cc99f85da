package dev.cellflow.compute;

import dev.cellflow.datastore.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One attempt's output. Each line is shown at once with the prefix {@code [RUN/STEP/TASK (pid
 * N)]} and kept with the time the task printed it (stamped in the task's process; ISO-8601,
 * UTC, first on the line); stdout and stderr are kept apart. A stream's kept log stops at
 * the cap it is given and ends with a note saying how much was dropped. {@link #close} stores
 * both in the datastore.
 *
 * <p>Keeping a line never throws: the backends' reader threads call {@link #line}, and a reader
 * that died of a full disk would leave its task unfinished and the run waiting for ever. The
 * first failure to keep or store the output is thrown by {@link #close}, naming the task.
 */
public final class TaskLogs implements AutoCloseable {
  private final RunStore ds;
  private final long capBytes;
  private final int run;
  private final String step;
  private final int task;
  private final int attempt;
  private final PrintStream console;
  private final PrintStream consoleErr;
  private final Stream out = new Stream();
  private final Stream err = new Stream();
  private volatile String prefix;
  private volatile String externalId;
  private volatile Consumer<String> onExternalId;
  private volatile Follower follower;
  /** The first failure to keep a line (guarded by this); {@link #close} throws it. */
  private IOException failed;

  /** One stream's kept bytes, staged lazily: most tasks print nothing on one of them. */
  private static final class Stream {
    Storage.Staged staged;
    long kept;
    long dropped;
  }

  /**
   * Logs for one attempt, kept in {@code ds} up to {@code capBytes} per stream (the runtime's
   * {@code CELLFLOW_LOG_CAP_KB}) and shown on {@code console}/{@code consoleErr} (null to not
   * show).
   */
  public TaskLogs(RunStore ds, long capBytes, int run, String step, int task, int attempt,
      PrintStream console, PrintStream consoleErr) {
    this.ds = ds;
    this.capBytes = capBytes;
    this.run = run;
    this.step = step;
    this.task = task;
    this.attempt = attempt;
    this.console = console;
    this.consoleErr = consoleErr;
    this.prefix = "[" + run + "/" + step + "/" + task + "] ";
  }

  /**
   * One who follows the task as it runs (a notebook's live display), told on the backend's
   * threads, without the prefix. While one follows, the notes about the task go to it alone.
   */
  public interface Follower {
    /** A line the task printed, as it is also shown on the console. */
    void line(boolean stderr, String text);

    /** A note about the task ({@link #note}): a job's state, a diagnosis. */
    void note(String text);

    /** What runs the task now ({@link #where}): {@code pid 123}, {@code job 1a2b...}. */
    void where(String what);
  }

  /** Sets who follows the task; null for none. */
  public void follow(Follower f) {
    follower = f;
  }

  /** Sets the process id shown in the prefix. */
  public void pid(long pid) {
    where("pid " + pid);
  }

  /** Sets what runs the task, shown in the prefix: {@code pid 123}, {@code job 1a2b...}. */
  public void where(String what) {
    prefix = "[" + run + "/" + step + "/" + task + (attempt > 0 ? "." + attempt : "")
        + " (" + what + ")] ";
    Follower f = follower;
    if (f != null) {
      f.where(what);
    }
  }

  /**
   * What runs the task where its backend names it (an AWS Batch job id), as soon as the backend
   * knows it: handed at once to the {@link #onExternalId} listener, so that the task's record
   * names it even when the run is stopped before the task ends.
   */
  public void externalId(String id) {
    externalId = id;
    Consumer<String> listener = onExternalId;
    if (listener != null) {
      listener.accept(id);
    }
  }

  /** The id {@link #externalId(String)} gave, or null. */
  public String externalId() {
    return externalId;
  }

  /** Calls {@code listener}, on the backend's thread, when the backend names the task's id. */
  public void onExternalId(Consumer<String> listener) {
    onExternalId = listener;
  }

  /** Shows a line about the task (not its output) with the prefix, without keeping it. */
  public void note(String text) {
    Follower f = follower;
    if (f != null) {
      f.note(text);
      return;
    }
    PrintStream c = consoleErr != null ? consoleErr : console;
    if (c != null) {
      c.println(prefix + text);
    }
  }

  /**
   * {@code at} as {@link Instant#toString} writes it ({@code 2026-11-26T04:57:08.063Z}), without
   * its formatter: loading that cost a short run's JVM about 10 ms when its first task printed.
   */
  static String iso(Instant at) {
    java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0,
        java.time.ZoneOffset.UTC);
    if (t.getYear() < 1000 || t.getYear() > 9999) {
      return at.toString(); // signs and widths of far-off years: the formatter's own
    }
    StringBuilder b = new StringBuilder(30).append(t.getYear());
    two(b.append('-'), t.getMonthValue());
    two(b.append('-'), t.getDayOfMonth());
    two(b.append('T'), t.getHour());
    two(b.append(':'), t.getMinute());
    two(b.append(':'), t.getSecond());
    int nano = at.getNano();
    if (nano > 0) { // in groups of three digits, as many as it takes
      String digits = Integer.toString(1_000_000_000 + nano).substring(1);
      b.append('.').append(digits, 0, nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9);
    }
    return b.append('Z').toString();
  }

  private static void two(StringBuilder b, int n) {
    b.append(n < 10 ? "0" : "").append(n);
  }

  /** One line of the task's stdout ({@code stderr} false) or stderr, printed now. */
  public void line(boolean stderr, String text) {
    line(stderr, text, Instant.now());
  }

  /** One line of the task's stdout ({@code stderr} false) or stderr, printed {@code at}. */
  public void line(boolean stderr, String text, Instant at) {
    byte[] bytes = (iso(at) + " " + text + "\n").getBytes(StandardCharsets.UTF_8);
    Stream s = stderr ? err : out;
    synchronized (this) {
      if (failed != null || s.kept + bytes.length > capBytes) {
        s.dropped += bytes.length;
      } else {
        try {
          if (s.staged == null) {
            s.staged = ds.storage().stage();
          }
          s.staged.out().write(bytes);
          s.kept += bytes.length;
        } catch (IOException e) {
          failed = e; // a full disk, say: the line is still shown; close reports it
        }
      }
    }
    PrintStream c = stderr ? consoleErr : console;
    if (c != null) {
      c.println(prefix + text);
    }
    Follower f = follower;
    if (f != null) {
      f.line(stderr, text);
    }
  }

  /**
   * Stores both logs (a stream that printed nothing has no log object). Throws, naming the task,
   * when a line could not be kept or a log not stored; the staged files are removed either way.
   */
  @Override
  public synchronized void close() throws IOException {
    for (Stream s : new Stream[] {out, err}) {
      try {
        if (failed == null) {
          commit(s, s == out ? "stdout" : "stderr");
        }
      } catch (IOException e) {
        failed = e;
      } finally {
        try (Storage.Staged staged = s.staged) { // removes a storage's local staging file
          s.staged = null;
        } catch (IOException e) {
          failed = failed != null ? failed : e;
        }
      }
    }
    if (failed != null) {
      String why = failed.getMessage() != null ? failed.getMessage() : failed.toString();
      throw new IOException("could not store the output of task " + run + "/" + step + "/"
          + task + (why.contains(ds.storage().root()) ? "" : " in " + ds.storage().root())
          + ": " + why, failed);
    }
  }

  private void commit(Stream s, String name) throws IOException {
    if (s.staged == null) {
      return;
    }
    if (s.dropped > 0) {
      s.staged.out().write((Instant.now() + " [cellflow: this log was capped at " + capBytes
          + " bytes; " + s.dropped + " more bytes were printed but not kept (set"
          + " CELLFLOW_LOG_CAP_KB)]\n").getBytes(StandardCharsets.UTF_8));
    }
    s.staged.commit(ds.logKey(run, step, task, attempt, name), true);
  }

  /** Removes the timestamp {@link #line} puts first on each stored line. */
  public static String withoutTimestamps(String log) {
    StringBuilder b = new StringBuilder(log.length());
    for (String line : log.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int sp = line.indexOf(' ');
      b.append(sp > 0 && Character.isDigit(line.charAt(0)) ? line.substring(sp + 1) : line)
          .append('\n');
    }
    return b.toString();
  }
}
