package dev.cellflow.datastore;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Bytes under keys ({@code "BigSum/3/start/1/result.json"}): the lowest layer of the datastore.
 * Objects are immutable once committed and a reader never sees a half-written one: bytes are
 * staged first, then committed under their key in one atomic step.
 */
public interface Storage {
  /** Where this storage lives, for messages ({@code /home/me/.cellflow}, {@code s3://b/p}). */
  String root();

  /** Whether an object exists under {@code key}. */
  boolean exists(String key) throws IOException;

  /** Reads the object under {@code key}; {@link java.nio.file.NoSuchFileException} if none. */
  InputStream read(String key) throws IOException;

  /** The keys directly under {@code prefix} (one level, names only, without the prefix). */
  List<String> list(String prefix) throws IOException;

  /**
   * The object under {@code key} as a file channel, for reading parts of it on several threads
   * at once; null where the storage keeps no local file (the default).
   */
  default java.nio.channels.FileChannel channel(String key) throws IOException {
    return null;
  }

  /** Starts writing an object whose key is decided when it is committed. */
  Staged stage() throws IOException;

  /**
   * Creates {@code key} with {@code bytes} only if nothing is there yet; false if something is.
   * Run ids are claimed this way, so two runs started at once never share one.
   */
  boolean createExclusive(String key, byte[] bytes) throws IOException;

  /** Writes small bytes under {@code key} atomically, replacing what was there. */
  default void put(String key, byte[] bytes) throws IOException {
    try (Staged s = stage()) {
      s.out().write(bytes);
      s.commit(key, true);
    }
  }

  /** Bytes being written; invisible until {@link #commit}, discarded if closed without it. */
  interface Staged extends Closeable {
    /** Where to write the bytes. */
    OutputStream out();

    /**
     * Publishes the bytes under {@code key}. With {@code replace} false and an object already
     * there, the staged bytes are dropped and the existing object kept (content addressing).
     */
    void commit(String key, boolean replace) throws IOException;
  }
}
