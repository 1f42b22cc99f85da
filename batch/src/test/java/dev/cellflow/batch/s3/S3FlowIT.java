package dev.cellflow.batch.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A flow run with {@code --datastore s3}: the runtime and every task process talk to S3 (moto on
 * loopback) over HTTP, and the Client API reads the run back from there.
 */
class S3FlowIT {
  private String[] run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SquaresFlow.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(Moto.processEnv());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
    return new String[] {Integer.toString(p.exitValue()), out};
  }

  @Test
  void aFlowKeepsItsRunsInS3() throws Exception {
    Moto.endpoint();
    String bucket = "cf-" + UUID.randomUUID().toString().substring(0, 8);
    try (var s3 = S3Clients.create()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    String root = "s3://" + bucket + "/cellflow";
    String[] r = run("run", "--datastore", "s3", "--datastore-root", root);
    assertEquals("0", r[0], r[1]);
    assertTrue(r[1].contains("total 30"), r[1]);
    assertTrue(r[1].contains("read back: hello from start"), r[1]);
    try (S3 data = S3.at(root + "/SquaresFlow/1/_data")) {
      assertEquals(List.of("notes/hello.txt"), data.list());
    }

    Flow flow = Flow.in(Datastores.open("s3", root), "SquaresFlow");
    Run run = flow.latestSuccessfulRun().orElseThrow();
    assertEquals(4, run.step("square").tasks().size());
    int total = run.step("join").task().artifact("total").value();
    assertEquals(30, total);
    assertEquals("square of 3 is 9\n", run.step("square").tasks().get(2).stdout());

    String[] logs = run("logs", "1/square/3", "--datastore", "s3", "--datastore-root", root);
    assertEquals("square of 2 is 4\n", logs[1]);
  }
}
