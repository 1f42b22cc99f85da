package dev.cellflow.examples.bench;

import dev.cellflow.batch.s3.S3;
import dev.cellflow.datastore.Storage;
import dev.cellflow.internal.datastore.Datastores;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 throughput against moto on loopback: one large object through the datastore (parallel
 * multipart upload, parallel ranged download), and many small ones through the S3 client. An
 * emulator measures cellflow's side, not S3's network — moto, one Python process, serves
 * parallel ranges no faster than one stream; skipped without {@code moto_server}.
 */
final class S3Bench {
  private S3Bench() {}

  static void run(Path dir) throws Exception {
    boolean moto = false;
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      moto |= Files.isExecutable(Path.of(p, "moto_server"));
    }
    if (!moto) {
      System.out.println("S3 throughput: skipped, moto_server is not on the PATH");
      return;
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process server = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p",
        Integer.toString(port)).redirectErrorStream(true)
        .redirectOutput(dir.resolve("moto.log").toFile()).start();
    try {
      String url = "http://127.0.0.1:" + port;
      System.setProperty("aws.accessKeyId", "bench");
      System.setProperty("aws.secretAccessKey", "bench");
      System.setProperty("aws.region", "us-east-1");
      System.setProperty("aws.endpointUrl", url);
      try (S3Client c = S3Client.builder().endpointOverride(URI.create(url))
          .forcePathStyle(true).build()) {
        for (int i = 0; ; i++) {
          try {
            c.createBucket(b -> b.bucket("bench"));
            break;
          } catch (RuntimeException e) {
            if (i > 100) {
              throw e;
            }
            Thread.sleep(100);
          }
        }
      }
      byte[] big = new byte[256 << 20];
      new Random(1).nextBytes(big);
      Storage storage = Datastores.open("s3", "s3://bench/store");
      long t0 = System.nanoTime();
      try (Storage.Staged st = storage.stage()) {
        st.out().write(big);
        st.commit("big", true);
      }
      double put = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      try (InputStream in = storage.read("big")) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      double get = (System.nanoTime() - t0) / 1e9;
      line("S3 put, one 256 MB object (MB/s)", 256 / put);
      line("S3 get, one 256 MB object, 6 ranges at once (MB/s)", 256 / get);

      Map<String, Path> files = new LinkedHashMap<>();
      for (int i = 0; i < 64; i++) {
        Path f = dir.resolve("small-" + i);
        Files.write(f, java.util.Arrays.copyOfRange(big, i << 20, (i + 1) << 20));
        files.put("many/" + i, f);
      }
      try (S3 s3 = S3.at("s3://bench/data")) {
        t0 = System.nanoTime();
        s3.putMany(files);
        double puts = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        s3.getMany(List.copyOf(files.keySet()));
        double gets = (System.nanoTime() - t0) / 1e9;
        line("S3 putMany, 64 x 1 MB (MB/s)", 64 / puts);
        line("S3 getMany, 64 x 1 MB (MB/s)", 64 / gets);
      }
    } finally {
      server.destroyForcibly();
    }
  }

  private static void line(String name, double value) {
    System.out.printf("%-46s %12.1f %12s %10s%n", name, value, "-", "");
  }
}
