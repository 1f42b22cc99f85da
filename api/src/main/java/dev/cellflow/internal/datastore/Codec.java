package dev.cellflow.internal.datastore;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Compression chosen per artifact. The first {@link #SAMPLE} bytes of the serialized value are
 * compressed on trial: when zstd saves at least 15%, the whole artifact is compressed, else it is
 * stored as it is — 1 GB of random doubles is not worth compressing to save 5%. The stored object
 * starts with one byte naming its codec.
 */
final class Codec {
  static final int SAMPLE = 256 << 10;
  private static final int SMALL = 4 << 10;
  private static final int NONE = 0;
  private static final int ZSTD = 1;
  private static final int LEVEL = 1;

  private Codec() {}

  /** A stream that decides, then compresses or not, into {@code out} (which it does not close). */
  static OutputStream encoder(OutputStream out) {
    return new Chooser(out);
  }

  /** A stream of the artifact's serialized bytes, from its stored bytes. */
  static InputStream decoder(InputStream in) throws IOException {
    int codec = in.read();
    return switch (codec) {
      case NONE -> in;
      // buffered: serializers read a byte or an int at a time, and each zstd read is a JNI call
      case ZSTD -> new java.io.BufferedInputStream(new ZstdInputStream(in), 1 << 16);
      default -> throw new IOException("unknown artifact codec " + codec
          + " (written by a newer cellflow, or not an artifact)");
    };
  }

  private static final class Chooser extends OutputStream {
    private final OutputStream out;
    private ByteArrayOutputStream sample = new ByteArrayOutputStream();
    private OutputStream sink;

    Chooser(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (sink != null) {
        sink.write(b, off, len);
        return;
      }
      int take = Math.min(len, SAMPLE - sample.size());
      sample.write(b, off, take);
      if (sample.size() >= SAMPLE) {
        decide();
        sink.write(b, off + take, len - take);
      }
    }

    private void decide() throws IOException {
      byte[] s = sample.toByteArray();
      sample = null;
      boolean worth = s.length >= SMALL
          && Zstd.compress(s, LEVEL).length < 0.85 * s.length;
      out.write(worth ? ZSTD : NONE);
      OutputStream keepOpen = new FilterOutputStream(out) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          flush();
        }
      };
      if (worth) {
        ZstdOutputStream z = new ZstdOutputStream(keepOpen, LEVEL);
        z.setWorkers(Math.max(0, Math.min(4, Runtime.getRuntime().availableProcessors() - 1)));
        sink = new java.io.BufferedOutputStream(z, 1 << 16); // one JNI call per 64 KB
      } else {
        sink = keepOpen;
      }
      sink.write(s);
    }

    @Override
    public void flush() throws IOException {
      // flushing mid-value would end a zstd block early; the value is complete only at close
    }

    @Override
    public void close() throws IOException {
      if (sink == null) {
        decide();
      }
      sink.close();
    }
  }
}
