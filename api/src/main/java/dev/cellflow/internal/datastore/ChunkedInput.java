package dev.cellflow.internal.datastore;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream over a sequence of byte chunks, each handed over whole by {@link #nextChunk}:
 * the shape of every read-ahead stream (a prefetching thread, parallel ranged downloads).
 */
public abstract class ChunkedInput extends InputStream {
  private byte[] current = new byte[0];
  private int pos;
  private boolean ended;

  /** The next chunk, or null at the end. */
  protected abstract byte[] nextChunk() throws IOException;

  private boolean ready() throws IOException {
    while (!ended && pos == current.length) {
      byte[] next = nextChunk();
      if (next == null) {
        ended = true;
      } else {
        current = next;
        pos = 0;
      }
    }
    return !ended;
  }

  @Override
  public int read() throws IOException {
    return ready() ? current[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!ready()) {
      return -1;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }
}
