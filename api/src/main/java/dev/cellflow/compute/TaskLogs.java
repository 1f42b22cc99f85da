package dev.cellflow.compute;

import dev.cellflow.datastore.FlowDatastore;
import dev.cellflow.datastore.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A task's output: each line is shown at once with the prefix {@code [RUN/STEP/TASK (pid N)]} and
 * kept; {@link #close} stores stdout and stderr in the datastore for {@code logs}.
 */
public final class TaskLogs implements AutoCloseable {
  private final FlowDatastore ds;
  private final int run;
  private final String step;
  private final int task;
  private final PrintStream console;
  private final PrintStream consoleErr;
  private Storage.Staged out;
  private Storage.Staged err;
  private volatile String prefix;

  /** Logs for one task, shown on {@code console}/{@code consoleErr} (null to not show). */
  public TaskLogs(FlowDatastore ds, int run, String step, int task, PrintStream console,
      PrintStream consoleErr) throws IOException {
    this.ds = ds;
    this.run = run;
    this.step = step;
    this.task = task;
    this.console = console;
    this.consoleErr = consoleErr;
    this.prefix = "[" + run + "/" + step + "/" + task + "] ";
  }

  /** Sets the process id shown in the prefix. */
  public void pid(long pid) {
    prefix = "[" + run + "/" + step + "/" + task + " (pid " + pid + ")] ";
  }

  /** One line of the task's stdout ({@code stderr} false) or stderr. */
  public void line(boolean stderr, String text) {
    try {
      synchronized (this) {
        Storage.Staged s = stderr ? err : out;
        if (s == null) { // most tasks print little or nothing: no file until they do
          s = ds.storage().stage();
          if (stderr) {
            err = s;
          } else {
            out = s;
          }
        }
        s.out().write(text.getBytes(StandardCharsets.UTF_8));
        s.out().write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PrintStream c = stderr ? consoleErr : console;
    if (c != null) {
      c.println(prefix + text);
    }
  }

  /** Stores both logs (a stream that printed nothing has no log object). */
  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.commit(ds.logKey(run, step, task, "stdout"), true);
    }
    if (err != null) {
      err.commit(ds.logKey(run, step, task, "stderr"), true);
    }
  }
}
