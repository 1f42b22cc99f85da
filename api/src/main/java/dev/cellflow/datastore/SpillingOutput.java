package dev.cellflow.datastore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Hashes what is written; keeps it in memory up to a threshold, and past it streams it to a
 * staged object. Committing an in-memory value whose key already exists writes nothing.
 */
final class SpillingOutput extends OutputStream {
  private static final int IN_MEMORY = 4 << 20;

  private final Storage storage;
  private final MessageDigest digest;
  private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private Storage.Staged staged;
  private long size;

  SpillingOutput(Storage storage, MessageDigest digest) {
    this.storage = storage;
    this.digest = digest;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    digest.update(b, off, len);
    size += len;
    if (staged == null && buffer.size() + len > IN_MEMORY) {
      staged = storage.stage();
      buffer.writeTo(staged.out());
      buffer = null;
    }
    if (staged != null) {
      staged.out().write(b, off, len);
    } else {
      buffer.write(b, off, len);
    }
  }

  long size() {
    return size;
  }

  /** Publishes the bytes under {@code key}, unless they are already there. */
  void commit(String key) throws IOException {
    if (staged != null) {
      staged.commit(key, false);
    } else if (!storage.exists(key)) {
      try (Storage.Staged s = storage.stage()) {
        buffer.writeTo(s.out());
        s.commit(key, false);
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (staged != null) {
      staged.close();
    }
  }
}
