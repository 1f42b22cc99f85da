package dev.cellflow.internal.datastore;

import dev.cellflow.datastore.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.zip.CRC32C;

/**
 * Hashes (SHA-256, the content address) and checksums (CRC32C, which reads verify: see {@link
 * ArtifactCheck}) what is written; keeps it in memory up to a threshold, and past it streams it
 * to a staged object. Committing a value whose key already holds it intact writes nothing.
 * Past the threshold, hashing runs on a thread of its own, one 1 MB chunk behind the writing: a
 * large artifact costs about the larger of hashing and writing, not their sum. The CRC32C,
 * several times faster, is computed on the writing thread while each chunk is in its cache.
 */
final class SpillingOutput extends OutputStream {
  private static final int IN_MEMORY = 4 << 20;
  private static final int CHUNK = 1 << 20;

  private final Storage storage;
  private final MessageDigest digest = ArtifactCheck.sha256();
  private final CRC32C crc = new CRC32C();
  private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private Storage.Staged staged;
  private ExecutorService hasher;
  private final Semaphore inFlight = new Semaphore(32); // at most 32 MB waiting to be hashed
  private Future<?> lastHash;
  private byte[] chunk;
  private int chunkLen;
  private long size;

  SpillingOutput(Storage storage) {
    this.storage = storage;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    size += len;
    if (staged == null && buffer.size() + len <= IN_MEMORY) {
      buffer.write(b, off, len);
      return;
    }
    if (staged == null) {
      spill();
    }
    while (len > 0) {
      int n = Math.min(len, CHUNK - chunkLen);
      System.arraycopy(b, off, chunk, chunkLen, n);
      chunkLen += n;
      off += n;
      len -= n;
      if (chunkLen == CHUNK) {
        passOn();
      }
    }
  }

  private void spill() throws IOException {
    staged = storage.stage();
    hasher = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cellflow-hash");
      t.setDaemon(true);
      return t;
    });
    byte[] head = buffer.toByteArray();
    buffer = null;
    staged.out().write(head);
    crc.update(head);
    lastHash = hasher.submit(() -> digest.update(head));
    chunk = new byte[CHUNK];
  }

  /** Writes the current chunk and hands it to the hashing thread. */
  private void passOn() throws IOException {
    byte[] full = chunk;
    int n = chunkLen;
    crc.update(full, 0, n); // here, while the chunk just copied is in this core's cache
    staged.out().write(full, 0, n);
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while storing an artifact");
    }
    lastHash = hasher.submit(() -> {
      digest.update(full, 0, n);
      inFlight.release();
    });
    chunk = new byte[CHUNK];
    chunkLen = 0;
  }

  long size() {
    return size;
  }

  /** The SHA-256 of everything written, in hex; call once, after the last write. */
  String finish() throws IOException {
    if (staged == null) {
      byte[] all = buffer.toByteArray();
      digest.update(all);
      crc.update(all);
    } else {
      if (chunkLen > 0) {
        passOn();
      }
      try {
        lastHash.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing an artifact");
      } catch (ExecutionException e) {
        throw new IOException("hashing failed", e.getCause());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The CRC32C of everything written, as a ref stores it; after {@link #finish}. */
  String checksum() {
    return ArtifactCheck.checksum(crc.getValue());
  }

  /**
   * Publishes the bytes under {@code key}, unless they are already there, intact. An object
   * under the key whose bytes are not these (bit rot, a truncated or altered file, found where
   * the storage keeps a local file) is replaced: without that, storing the same value again,
   * which is how a user repairs a damaged artifact (rerunning the step that made it), would keep
   * the damaged file forever, as its key says it holds these bytes.
   */
  void commit(String key) throws IOException {
    boolean replace = damaged(key);
    if (staged != null) {
      staged.commit(key, replace);
    } else if (replace || !storage.exists(key)) {
      storage.put(key, buffer.toByteArray()); // the same bytes, if another writer was first
    }
  }

  /**
   * Whether a local file under {@code key} lacks the size or CRC32C of what was written: read
   * once, at memory speed, only when the same bytes are stored again. False where there is no
   * such file, or the storage keeps none (on S3 an object is taken as intact: reading it back
   * would cost a download, and asking costs a request per artifact; reads still verify it).
   */
  private boolean damaged(String key) throws IOException {
    try (FileChannel ch = storage.channel(key)) {
      if (ch == null) {
        return false;
      }
      if (ch.size() != size) {
        return true;
      }
      CRC32C stored = new CRC32C();
      // small: a warm worker stores many values again (unchanged artifacts), and a large buffer
      // each time would fill its heap, and so its memory, with garbage
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, 64 << 10));
      while (ch.read(buf) > 0) {
        buf.flip();
        stored.update(buf);
        buf.clear();
      }
      return stored.getValue() != crc.getValue();
    } catch (java.nio.file.NoSuchFileException none) {
      return false; // not stored yet: the commit writes it
    }
  }

  @Override
  public void close() throws IOException {
    if (hasher != null) {
      hasher.shutdownNow();
    }
    if (staged != null) {
      staged.close();
    }
  }
}
