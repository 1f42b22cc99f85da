package dev.cellflow.batch.container;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Starts every line written through it with {@link #MARK}. A Batch job's stdout and stderr reach
 * CloudWatch Logs as one stream; the mark on the task's stderr lines lets the runtime keep them
 * apart again ({@code logs --stderr}), and reads plainly in the CloudWatch console.
 */
public final class StderrMarking extends FilterOutputStream {
  /** What starts each stderr line in the job's log stream. */
  public static final String MARK = "[stderr] ";

  private static final byte[] MARK_BYTES = MARK.getBytes(StandardCharsets.UTF_8);
  private boolean atLineStart = true;

  /** Marks the lines written to {@code out}. */
  public StderrMarking(OutputStream out) {
    super(out);
  }

  @Override
  public synchronized void write(int b) throws IOException {
    if (atLineStart) {
      out.write(MARK_BYTES);
    }
    out.write(b);
    atLineStart = b == '\n';
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (atLineStart) {
        out.write(b, start, i - start);
        out.write(MARK_BYTES);
        start = i;
        atLineStart = false;
      }
      if (b[i] == '\n') {
        atLineStart = true;
      }
    }
    out.write(b, start, off + len - start);
  }
}
