package dev.cellflow.examples.bench;

import dev.cellflow.batch.s3.S3Clients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The round trip of a two-step flow on AWS Batch against the emulator ({@code
 * batch/src/test/python/moto_batch.py}, which runs each job's command as a local process): code
 * package check, two job submissions, polling, log streaming, artifacts through S3. It measures
 * cellflow's overhead around a job, not AWS's scheduling (minutes on a cold compute environment).
 * Skipped without python3 and moto.
 */
final class BatchBench {
  private static final Path LAUNCHER = Path.of("batch", "src", "test", "python", "moto_batch.py");

  private BatchBench() {}

  static void run(Path dir, String jar) throws Exception {
    if (!Files.exists(LAUNCHER) || new ProcessBuilder("python3", "-c", "import moto.server")
        .start().waitFor() != 0) {
      System.out.println("Batch round trip: skipped, needs python3 with moto and " + LAUNCHER);
      return;
    }
    Path portFile = dir.resolve("moto-batch.port");
    Process server = new ProcessBuilder("python3", LAUNCHER.toString(), "serve",
        portFile.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("moto-batch.log").toFile()).start();
    try {
      for (int i = 0; i < 400 && !Files.exists(portFile); i++) {
        Thread.sleep(50);
      }
      String url = "http://127.0.0.1:" + Files.readString(portFile).trim();
      Process q = new ProcessBuilder("python3", LAUNCHER.toString(), "queue", url, "bench", "16",
          "m5.2xlarge").inheritIO().start();
      if (q.waitFor() != 0) {
        throw new IllegalStateException("could not make the emulator's queue");
      }
      System.setProperty("aws.endpointUrl", url);
      System.setProperty("aws.accessKeyId", "bench");
      System.setProperty("aws.secretAccessKey", "bench");
      System.setProperty("aws.region", "us-east-1");
      try (var s3 = S3Clients.create()) {
        s3.createBucket(b -> b.bucket("bench-batch"));
      }
      String root = "s3://bench-batch/cellflow";
      double first = hello(url, jar, root);
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        times.add(hello(url, jar, root));
      }
      times.sort(null);
      System.out.printf("%-46s %12.2f %12s %10s%n", "run --with batch, 2 trivial jobs, emulator (s)",
          times.get(1), "n/a", "");
      System.out.printf("%-46s %12.2f %12s %10s%n", "  the same, first run: uploads the jar (s)",
          first, "", "");
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static double hello(String url, String jar, String root) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", jar,
        "dev.cellflow.examples.Hello", "run", "--with", "batch:memory=1000", "--datastore", "s3",
        "--datastore-root", root).redirectErrorStream(true);
    pb.environment().putAll(java.util.Map.of("AWS_ENDPOINT_URL", url, "AWS_ACCESS_KEY_ID",
        "bench", "AWS_SECRET_ACCESS_KEY", "bench", "AWS_REGION", "us-east-1",
        "CELLFLOW_BATCH_POLL_MS", "200", "CELLFLOW_BATCH_LOG_DRAIN_MS", "200"));
    long t0 = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("Hello on Batch failed:\n" + out);
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
