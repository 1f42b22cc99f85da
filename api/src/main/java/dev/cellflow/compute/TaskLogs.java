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
  private final Storage.Staged out;
  private final Storage.Staged err;
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
    this.out = ds.storage().stage();
    this.err = ds.storage().stage();
    this.prefix = "[" + run + "/" + step + "/" + task + "] ";
  }

  /** Sets the process id shown in the prefix. */
  public void pid(long pid) {
    prefix = "[" + run + "/" + step + "/" + task + " (pid " + pid + ")] ";
  }

  /** One line of the task's stdout ({@code stderr} false) or stderr. */
  public void line(boolean stderr, String text) {
    try {
      Storage.Staged s = stderr ? err : out;
      synchronized (s) {
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

  /** Stores both logs. */
  @Override
  public void close() throws IOException {
    out.commit(ds.logKey(run, step, task, "stdout"), true);
    err.commit(ds.logKey(run, step, task, "stderr"), true);
  }
}
