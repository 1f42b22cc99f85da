package dev.cellflow.batch.emulator;

import dev.cellflow.batch.s3.S3Clients;
import dev.cellflow.testing.Needs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * moto's server with Batch jobs that really run ({@code src/test/python/moto_batch.py}), one
 * per test JVM, started on first use; it ends when this JVM does (it reads our end of a pipe).
 * Without python3 and moto, tests skip or, in CI, fail ({@link Needs#tool}).
 */
public final class MotoBatch {
  /** The launcher, found from the batch module or from a module beside it. */
  static final Path SCRIPT = Files.exists(Path.of("src", "test", "python", "moto_batch.py"))
      ? Path.of("src", "test", "python", "moto_batch.py")
      : Path.of("..", "batch", "src", "test", "python", "moto_batch.py");
  private static String endpoint;

  private MotoBatch() {}

  /** The emulator's endpoint; the SDK in this JVM is pointed at it. */
  public static synchronized String endpoint() throws Exception {
    if (endpoint == null) {
      Process check = new ProcessBuilder("python3", "-c", "import moto.server, boto3")
          .redirectErrorStream(true).start();
      Needs.tool(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0,
          "python3 with moto[server] and boto3 (the AWS Batch emulator)",
          "pip install 'moto[server]' boto3");
      Path portFile = Files.createTempFile("moto-batch", ".port");
      Files.delete(portFile);
      Path log = Files.createTempFile("moto-batch", ".log");
      log.toFile().deleteOnExit();
      Process p = new ProcessBuilder("python3", SCRIPT.toString(), "serve", portFile.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      // 60 s: at load 27 on 2 cores moto alone took 15 s to start
      for (int i = 0; i < 1200 && !Files.exists(portFile); i++) {
        if (!p.isAlive()) {
          throw new IllegalStateException("the emulator did not start: " + Files.readString(log));
        }
        Thread.sleep(50);
      }
      endpoint = "http://127.0.0.1:" + Files.readString(portFile).trim();
      Files.delete(portFile);
    }
    System.setProperty("aws.endpointUrl", endpoint); // another emulator may have been used
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    System.setProperty("aws.region", "us-east-1");
    return endpoint;
  }

  /** Forgets every queue, job, bucket and log: each test class starts from nothing. */
  public static void reset() throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/moto-api/reset").toURL()
        .openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    try (OutputStream o = c.getOutputStream()) {
      o.write(new byte[0]);
    }
    if (c.getResponseCode() != 200) {
      throw new IOException("moto reset answered " + c.getResponseCode());
    }
  }

  /**
   * Makes job queue {@code name} whose compute environment has {@code maxVcpus} and instance
   * {@code types} (comma-separated), or is a Fargate one when {@code types} is {@code FARGATE}.
   */
  public static void queue(String name, int maxVcpus, String types) throws Exception {
    Process p = new ProcessBuilder("python3", SCRIPT.toString(), "queue", endpoint(), name,
        Integer.toString(maxVcpus), types).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("could not make queue " + name + ": " + out);
    }
  }

  /** A new bucket; returns its datastore root. */
  public static String bucket() throws Exception {
    endpoint();
    String bucket = "cf-" + UUID.randomUUID().toString().substring(0, 8);
    try (var s3 = S3Clients.create()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    return "s3://" + bucket + "/cellflow";
  }

  /** The environment of a process that runs a flow against the emulator, polling fast. */
  public static Map<String, String> processEnv() throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "test",
        "AWS_SECRET_ACCESS_KEY", "test", "AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL", endpoint(),
        "CELLFLOW_BATCH_POLL_MS", "200", "CELLFLOW_BATCH_LOG_DRAIN_MS", "200",
        "CELLFLOW_BATCH_RUNNABLE_SECONDS", "2",
        "CELLFLOW_CONFIG", "/nonexistent/cellflow-test-config.json"));
    return env;
  }
}
