package dev.cellflow.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A cell's stdout or stderr, sent to the notebook a line at a time. The Jupyter library's stream
 * sends a message on every flush, and a {@code PrintStream} flushes on every print: {@code
 * printf("x is %d%n", x)} went as three messages, and a Batch cell's 11 lines as 49. Here
 * whole lines go together, and a partial line ({@code print("working... ")}) goes after {@value
 * #PARTIAL_MS} ms or on an explicit {@code flush()}. When its cell ends, what a thread still
 * prints goes to the kernel's own output (its log), not into the next cell.
 */
final class LineOutput extends OutputStream {
  /** How long a partial line waits for the rest before it is sent as it is. */
  static final long PARTIAL_MS = 200;

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cellflow-output-flush");
        t.setDaemon(true);
        return t;
      });

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private PrintStream target;
  private final PrintStream after;
  private ScheduledFuture<?> partial;

  /** Sends to {@code target} until {@link #close}, then to {@code after}. */
  LineOutput(PrintStream target, PrintStream after) {
    this.target = target;
    this.after = after;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int lastNewline = -1;
    for (int i = off + len - 1; i >= off; i--) {
      if (b[i] == '\n') {
        lastNewline = i;
        break;
      }
    }
    if (lastNewline < 0) {
      pending.write(b, off, len);
      if (partial == null) {
        partial = TIMER.schedule(this::flush, PARTIAL_MS, TimeUnit.MILLISECONDS);
      }
      return;
    }
    pending.write(b, off, lastNewline + 1 - off);
    send();
    pending.write(b, lastNewline + 1, off + len - lastNewline - 1);
    if (pending.size() > 0 && partial == null) {
      partial = TIMER.schedule(this::flush, PARTIAL_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Sends what waits, whole lines or not. */
  @Override
  public synchronized void flush() {
    send();
  }

  private void send() {
    if (partial != null) {
      partial.cancel(false);
      partial = null;
    }
    if (pending.size() > 0) {
      target.write(pending.toByteArray(), 0, pending.size());
      target.flush();
      pending.reset();
    }
  }

  /** Sends what waits; from now on, what comes goes to the kernel's own output. */
  @Override
  public synchronized void close() {
    send();
    target = after;
  }
}
