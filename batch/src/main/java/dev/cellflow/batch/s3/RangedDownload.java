package dev.cellflow.batch.s3;

import dev.cellflow.internal.datastore.ChunkedInput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A large object read as consecutive 16 MB byte ranges fetched on several threads at once, a
 * few ranges ahead of the reader: one stream for the caller, many connections to S3.
 */
final class RangedDownload extends ChunkedInput {
  private static final int WINDOW = 6;

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final long size;
  private final ExecutorService pool;
  private final Deque<Future<byte[]>> ahead = new ArrayDeque<>();
  private long nextOffset;

  RangedDownload(S3Client s3, String bucket, String key, long size) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.size = size;
    this.pool = Executors.newFixedThreadPool(WINDOW, r -> {
      Thread t = new Thread(r, "cellflow-s3-download");
      t.setDaemon(true);
      return t;
    });
    while (ahead.size() < WINDOW && nextOffset < size) {
      fetchNext();
    }
  }

  private void fetchNext() {
    long from = nextOffset;
    long to = Math.min(size, from + MultipartUpload.PART) - 1;
    nextOffset = to + 1;
    ahead.add(pool.submit(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)
        .range("bytes=" + from + "-" + to)).asByteArray()));
  }

  @Override
  protected byte[] nextChunk() throws IOException {
    Future<byte[]> f = ahead.poll();
    if (f == null) {
      return null;
    }
    try {
      byte[] chunk = f.get();
      if (nextOffset < size) {
        fetchNext();
      }
      return chunk;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading s3://" + bucket + "/" + key);
    } catch (ExecutionException e) {
      throw new IOException("cannot read s3://" + bucket + "/" + key + ": "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
