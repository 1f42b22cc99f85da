package dev.cellflow.batch.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads a file: in one request when small, else as a multipart upload whose 16 MB parts go up
 * on several threads at once. A failed multipart upload is aborted, leaving no parts behind.
 */
final class MultipartUpload {
  static final long PART = 16L << 20;
  private static final int THREADS = 8;

  private MultipartUpload() {}

  static void upload(S3Client s3, String bucket, String key, Path file) throws IOException {
    long size = Files.size(file);
    if (size <= PART) {
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
      return;
    }
    String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "cellflow-s3-upload");
      t.setDaemon(true);
      return t;
    });
    try (FileChannel ch = FileChannel.open(file)) {
      List<Future<CompletedPart>> parts = new ArrayList<>();
      int n = (int) ((size + PART - 1) / PART);
      for (int i = 0; i < n; i++) {
        int number = i + 1;
        long offset = i * PART;
        long len = Math.min(PART, size - offset);
        parts.add(pool.submit(() -> {
          ByteBuffer buf = ByteBuffer.allocate((int) len);
          while (buf.hasRemaining()) {
            if (ch.read(buf, offset + buf.position()) < 0) {
              throw new UncheckedIOException(new IOException("file shrank while uploading"));
            }
          }
          buf.flip();
          String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id)
              .partNumber(number), RequestBody.fromByteBuffer(buf)).eTag();
          return CompletedPart.builder().partNumber(number).eTag(etag).build();
        }));
      }
      List<CompletedPart> done = new ArrayList<>();
      for (Future<CompletedPart> f : parts) {
        done.add(f.get());
      }
      s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id)
          .multipartUpload(m -> m.parts(done)));
    } catch (InterruptedException | ExecutionException | RuntimeException e) {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("multipart upload of " + key + " failed: "
          + (e.getCause() != null ? e.getCause() : e), e);
    } finally {
      pool.shutdownNow();
    }
  }
}
