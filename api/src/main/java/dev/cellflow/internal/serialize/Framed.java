package dev.cellflow.internal.serialize;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One value inside another's stream, of any size: written as chunks ({@code int} length, bytes)
 * ending with an empty chunk, so the reader knows where it ends without its size up front.
 */
final class Framed {
  private static final int CHUNK = 1 << 16;

  private Framed() {}

  /** A stream whose bytes {@link #in} reads back; {@code close} ends the frame, not {@code out}. */
  static OutputStream out(DataOutputStream out) {
    return new OutputStream() {
      // grown as needed: a list of a million small records makes a million frames
      private byte[] buf = new byte[256];
      private int n;

      private void room() throws IOException {
        if (n == buf.length) {
          if (buf.length < CHUNK) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 4);
          } else {
            drain();
          }
        }
      }

      @Override
      public void write(int b) throws IOException {
        room();
        buf[n++] = (byte) b;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
          room();
          int k = Math.min(len, buf.length - n);
          System.arraycopy(b, off, buf, n, k);
          n += k;
          off += k;
          len -= k;
        }
      }

      private void drain() throws IOException {
        out.writeInt(n);
        out.write(buf, 0, n);
        n = 0;
      }

      @Override
      public void close() throws IOException {
        if (n > 0) {
          drain();
        }
        out.writeInt(0);
      }
    };
  }

  /** The bytes of one frame, then end of stream. */
  static InputStream in(DataInputStream in) {
    return new InputStream() {
      private int left;
      private boolean done;

      private boolean ready() throws IOException {
        while (left == 0 && !done) {
          left = in.readInt();
          done = left == 0;
        }
        return !done;
      }

      @Override
      public int read() throws IOException {
        if (!ready()) {
          return -1;
        }
        left--;
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (!ready()) {
          return -1;
        }
        int k = in.read(b, off, Math.min(len, left));
        if (k < 0) {
          throw new IOException("a framed value ends early");
        }
        left -= k;
        return k;
      }

      @Override
      public void close() throws IOException {
        while (ready()) {
          in.skipNBytes(left);
          left = 0;
        }
      }
    };
  }
}
