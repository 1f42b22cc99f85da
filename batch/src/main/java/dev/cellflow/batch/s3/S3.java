package dev.cellflow.batch.s3;

import dev.cellflow.CellflowException;
import dev.cellflow.Current;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Data beside the artifacts (Metaflow's {@code S3}): put, get and list many objects at once, on
 * several threads, and read byte ranges. Downloads go to a temporary folder that {@link #close}
 * removes. {@link #forCurrentRun()} works under the running run's prefix in the datastore.
 *
 * <pre>{@code
 * try (S3 s3 = S3.forCurrentRun()) {
 *   s3.put("inputs/a.csv", Path.of("a.csv"));
 *   List<S3File> files = s3.getMany(List.of("inputs/a.csv", "inputs/b.csv"));
 * }
 * }</pre>
 */
public final class S3 implements AutoCloseable {
  private static final int THREADS = 8;
  private static final java.util.concurrent.atomic.AtomicLong DOWNLOADS =
      new java.util.concurrent.atomic.AtomicLong();

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final Path tmp;
  private final ExecutorService pool;

  private S3(String url) {
    if (!url.startsWith("s3://") || url.length() <= 5) {
      throw new CellflowException("S3.at('" + url + "'): give s3://bucket or s3://bucket/prefix");
    }
    String rest = url.substring(5);
    int slash = rest.indexOf('/');
    this.bucket = slash < 0 ? rest : rest.substring(0, slash);
    String p = slash < 0 ? "" : rest.substring(slash + 1);
    this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    this.s3 = S3Clients.create();
    try {
      this.tmp = Files.createTempDirectory("cellflow-s3-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "cellflow-s3");
      t.setDaemon(true);
      return t;
    });
  }

  /** Objects under {@code s3://bucket/prefix}. */
  public static S3 at(String url) {
    return new S3(url);
  }

  /** Objects under the running run's prefix: {@code <datastore root>/<flow>/<run>/_data/}. */
  public static S3 forCurrentRun() {
    Current c = Current.get();
    if (!c.datastore().equals("s3")) {
      throw new CellflowException("S3.forCurrentRun() in step '" + c.step() + "' needs the s3"
          + " datastore (run with --datastore s3 --datastore-root s3://bucket/prefix); or use"
          + " S3.at(\"s3://bucket/prefix\")");
    }
    String root = c.datastoreRoot().endsWith("/") ? c.datastoreRoot() : c.datastoreRoot() + "/";
    return new S3(root + c.flow() + "/" + c.run() + "/_data/");
  }

  /** The full URL of {@code key}. */
  public String url(String key) {
    return "s3://" + bucket + "/" + prefix + key;
  }

  /** Stores {@code bytes} under {@code key}. */
  public void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(bucket).key(prefix + key), RequestBody.fromBytes(bytes));
  }

  /** Stores the file under {@code key}; a large file goes up in parallel parts. */
  public void put(String key, Path file) throws IOException {
    MultipartUpload.upload(s3, bucket, prefix + key, file);
  }

  /** Stores every file under its key, several at once. */
  public void putMany(Map<String, Path> files) throws IOException {
    List<Future<Object>> all = new ArrayList<>();
    for (Map.Entry<String, Path> e : files.entrySet()) {
      all.add(pool.submit(() -> {
        put(e.getKey(), e.getValue());
        return null;
      }));
    }
    waitAll(all);
  }

  /**
   * Downloads {@code key} into this S3's temporary folder. The local file is named by a counter,
   * not by the key: a key may be 1,024 bytes (a file name, 255) and may hold {@code ..}.
   */
  public S3File get(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    Path local = tmp.resolve(DOWNLOADS.incrementAndGet() + "-"
        + name.substring(0, Math.min(name.length(), 100)).replaceAll("^\\.+", "_"));
    s3.getObject(b -> b.bucket(bucket).key(prefix + key), ResponseTransformer.toFile(local));
    try {
      return new S3File(key, local, Files.size(local));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Downloads every key, several at once; the files in the keys' order. */
  public List<S3File> getMany(List<String> keys) throws IOException {
    List<Future<S3File>> all = new ArrayList<>();
    for (String k : keys) {
      all.add(pool.submit(() -> get(k)));
    }
    return waitAll(all);
  }

  /**
   * {@code length} bytes of {@code key} from {@code offset}, without the rest; none for {@code
   * length} 0, without a request (HTTP has no empty byte range).
   */
  public byte[] getRange(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("S3.getRange(" + key + ", " + offset + ", " + length
          + "): offset and length must be 0 or more");
    }
    if (length == 0) {
      return new byte[0];
    }
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key)
        .range("bytes=" + offset + "-" + (offset + length - 1))).asByteArray();
  }

  /** Every key under this S3's prefix, relative to it, sorted. */
  public List<String> list() {
    return list("");
  }

  /** Every key under {@code sub} (relative to this S3's prefix), sorted. */
  public List<String> list(String sub) {
    List<String> out = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + sub))
        .contents()) {
      out.add(o.key().substring(prefix.length()));
    }
    out.sort(null);
    return out;
  }

  private static <T> List<T> waitAll(List<Future<T>> all) throws IOException {
    List<T> out = new ArrayList<>();
    try {
      for (Future<T> f : all) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException("an S3 transfer failed: " + e.getCause().getMessage(), e.getCause());
    }
    return out;
  }

  /** Removes the downloaded files and ends the transfer threads. */
  @Override
  public void close() {
    pool.shutdownNow();
    try (Stream<Path> files = Files.walk(tmp)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the temporary folder is the system's to clean now
    }
    s3.close();
  }
}
