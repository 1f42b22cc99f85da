package dev.cellflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.batch.emulator.MotoBatch;
import dev.cellflow.batch.s3.S3;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The seed's BigSum, small, {@code run --with batch} from its jar against the AWS emulator: the
 * jar goes to S3 as the code package, each step runs as a Batch job whose command fetches it and
 * starts the task (on the host's JDK: the image is what the emulator cannot show), artifacts are
 * in S3, and the sum is printed here, streamed from the job's log.
 */
class BigSumBatchIT {
  private static final Path JAR = Path.of("target", "cellflow-examples.jar");

  @Test
  void bigSumRunsOnBatchFromItsJar_imageEmulated() throws Exception {
    MotoBatch.reset();
    MotoBatch.queue("default", 16, "m5.2xlarge");
    String root = MotoBatch.bucket();
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toAbsolutePath().toString(), "run", "--size", "1000", "--chunk", "250", "--with",
        "batch:memory=1000", "--datastore", "s3", "--datastore-root", root)
        .redirectErrorStream(true);
    pb.environment().putAll(MotoBatch.processEnv());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);

    assertTrue(out.contains("Code package for AWS Batch: 1 classpath entries, 1 uploaded"), out);
    try (S3 code = S3.at(root + "/_code/")) {
      List<String> keys = code.list();
      assertEquals(1, keys.size(), "the jar, under its content hash: " + keys);
      assertTrue(keys.get(0).matches("[0-9a-f]{64}\\.jar"), keys.toString());
    }
    Matcher m = Pattern.compile("\\[1/end/2 \\(job (\\S+)\\)] The sum is ([0-9.]+)\\.")
        .matcher(out);
    assertTrue(m.find(), "the end step's output, streamed from its job: " + out);
    double printed = Double.parseDouble(m.group(2));
    assertEquals(5e5, printed, 5e3, "1e6 uniform values in [0, 1)");

    Run run = Flow.in(Datastores.open("s3", root), "BigSum")
        .latestSuccessfulRun().orElseThrow();
    double stored = run.step("start").task().artifact("sum").value();
    assertEquals(printed, stored, 1e-6);
    assertNotNull(run.step("start").task().externalId());
    assertEquals(m.group(1), run.step("end").task().externalId());
  }
}
