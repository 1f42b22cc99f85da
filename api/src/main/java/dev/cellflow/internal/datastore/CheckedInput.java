package dev.cellflow.internal.datastore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream of an artifact's stored bytes that feeds each byte read to an {@link ArtifactCheck}. */
final class CheckedInput extends FilterInputStream {
  private final ArtifactCheck check;

  CheckedInput(InputStream in, ArtifactCheck check) {
    super(in);
    this.check = check;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      check.update(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // skipped bytes must be checked too: read them
    byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads what is left of {@code in} (a stream over this one), then verifies every byte. */
  static void drainAndVerify(InputStream in, ArtifactCheck check) throws IOException {
    in.transferTo(java.io.OutputStream.nullOutputStream());
    check.verify();
  }
}
