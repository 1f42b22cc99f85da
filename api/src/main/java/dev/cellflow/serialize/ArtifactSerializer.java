package dev.cellflow.serialize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Turns an artifact's value into bytes and back. Found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.cellflow.serialize.ArtifactSerializer}); the serializer with the
 * highest {@link #priority()} that {@link #canWrite accepts} a value writes it, and its {@link
 * #id()} is stored beside the bytes so the same one reads them back.
 */
public interface ArtifactSerializer {
  /** A stable id stored with every artifact it writes. */
  String id();

  /** Higher runs first; the Java-serialization fallback is 0. */
  int priority();

  /** Whether this serializer writes {@code value} (never null). */
  boolean canWrite(Object value);

  /** Writes {@code value} to {@code out}, streaming; does not close {@code out}. */
  void write(Object value, OutputStream out) throws IOException;

  /** Reads a value written by {@link #write}; classes are resolved through {@code loader}. */
  Object read(InputStream in, ClassLoader loader) throws IOException;
}
