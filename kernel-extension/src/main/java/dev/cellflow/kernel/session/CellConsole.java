package dev.cellflow.kernel.session;

import static dev.cellflow.compute.TaskOutcome.Status.KILLED;

import dev.cellflow.compute.TaskOutcome;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A remote cell's view of the cell's output while it runs: what its task prints goes to the
 * cell until {@link #close}, and nowhere after. A kernel's output stream stays open across cells
 * (JJava and IJava keep one, and send what it holds with the next cell's output), so a task that
 * ends after the cell stopped waiting for it, a killed AWS Batch job whose last lines and state
 * arrive seconds later, would otherwise print into whatever cell runs then.
 */
final class CellConsole implements AutoCloseable {
  /**
   * How long an interrupted cell waits for its task's end: a killed local process ends at once,
   * a terminated Batch job is seen ended at the next poll and its log read to the end (seconds).
   */
  static final long KILL_WAIT_SECONDS = 30;

  private final Gate out;
  private final Gate err;
  private final PrintStream outStream;
  private final PrintStream errStream;

  CellConsole(PrintStream out, PrintStream err) {
    this.out = new Gate(out);
    this.err = new Gate(err);
    this.outStream = new PrintStream(this.out, true, StandardCharsets.UTF_8);
    this.errStream = new PrintStream(this.err, true, StandardCharsets.UTF_8);
  }

  PrintStream out() {
    return outStream;
  }

  PrintStream err() {
    return errStream;
  }

  /** From now on, nothing reaches the cell's output. */
  @Override
  public void close() {
    outStream.flush();
    errStream.flush();
    out.open = false;
    err.open = false;
  }

  /**
   * How an interrupted cell's task ended, once the backend, told to kill it, has seen it end:
   * its process or job id and its last output are then kept with the step. A second interrupt,
   * or no end within {@link #KILL_WAIT_SECONDS}, stops the wait, and the step is recorded with
   * what is known: {@code submitted}, the job id recorded when the task was launched (or null).
   */
  static TaskOutcome killed(CompletableFuture<TaskOutcome> done, long started,
      String submitted) {
    TaskOutcome ended = null;
    try {
      ended = done.get(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      // asked again: stop waiting; the caller throws for the interrupt anyway
    } catch (ExecutionException | TimeoutException e) {
      // the task is left to end on its own; its later lines go nowhere
    }
    if (ended == null) {
      return new TaskOutcome(KILLED, "interrupted from the notebook", null, 0, started,
          submitted);
    }
    String how = ended.summary() == null || ended.summary().isEmpty() ? ""
        : ": " + ended.summary();
    return new TaskOutcome(KILLED, "interrupted from the notebook" + how, ended.exitCode(),
        ended.pid(), started, ended.externalId() != null ? ended.externalId() : submitted);
  }

  /** Passes bytes on while open. */
  private static final class Gate extends OutputStream {
    private final PrintStream target;
    private volatile boolean open = true;

    Gate(PrintStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      if (open) {
        target.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (open) {
        target.write(b, off, len);
      }
    }

    @Override
    public void flush() {
      if (open) {
        target.flush();
      }
    }
  }
}
