package dev.cellflow.internal.datastore;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads ahead on a thread of its own, a few 1 MB chunks at a time, so that reading a large
 * artifact's bytes and turning them into a value overlap instead of taking turns.
 */
final class Prefetch extends ChunkedInput {
  private static final int CHUNK = 1 << 20;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(8);
  private final Thread reader;
  private final InputStream source;
  private volatile boolean closed;

  Prefetch(InputStream source) {
    this.source = source;
    this.reader = new Thread(this::fill, "cellflow-prefetch");
    reader.setDaemon(true);
    reader.start();
  }

  private void fill() {
    try {
      while (!closed) {
        byte[] buf = source.readNBytes(CHUNK);
        if (buf.length == 0) {
          chunks.put(END);
          return;
        }
        chunks.put(buf.length == CHUNK ? buf : Arrays.copyOf(buf, buf.length));
      }
    } catch (IOException e) {
      chunks.offer(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  protected byte[] nextChunk() throws IOException {
    Object o;
    try {
      o = chunks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading an artifact");
    }
    if (o instanceof IOException e) {
      throw e;
    }
    return o == END ? null : (byte[]) o;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    reader.interrupt();
    source.close();
  }
}
