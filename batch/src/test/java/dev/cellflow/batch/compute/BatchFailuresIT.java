package dev.cellflow.batch.compute;

import dev.cellflow.batch.emulator.MotoBatch;
import dev.cellflow.client.Flow;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch jobs that fail, and the words the user gets for it. */
class BatchFailuresIT {
  private static String root;

  @BeforeAll
  static void emulator() throws Exception {
    MotoBatch.reset();
    MotoBatch.queue("default", 16, "m5.2xlarge");
    root = MotoBatch.bucket();
  }

  @Test
  void aFailingJobsExitCodeAndErrorAreReportedAndItsLogKept() throws Exception {
    var r = FlowProcess.run(BrokenFlow.class, "run", "--datastore", "s3", "--datastore-root",
        root);
    assertEquals(1, r.exit(), r.out());
    Matcher m = Pattern.compile("AWS Batch job (\\S+) failed with exit code 1 \\(Essential"
        + " container in task exited\\): java.lang.IllegalStateException: no input for day"
        + " 2026-11-25").matcher(r.out());
    assertTrue(m.find(), r.out());
    var out = FlowProcess.run(BrokenFlow.class, "logs", "1/start/1", "--stdout", "--datastore",
        "s3", "--datastore-root", root);
    assertEquals("looking for the input\n", out.out(), "stdout alone");
    var err = FlowProcess.run(BrokenFlow.class, "logs", "1/start/1", "--stderr", "--datastore",
        "s3", "--datastore-root", root);
    assertTrue(err.out().startsWith("java.lang.IllegalStateException: no input for day"
        + " 2026-11-25\n\tat dev.cellflow.batch.compute.BrokenFlow.start("), err.out());
  }

  @Test
  void aRetryIsANewJobAndEachAttemptKeepsItsLog() throws Exception {
    var r = FlowProcess.run(RetriedFlow.class, "run", "--datastore", "s3", "--datastore-root",
        root);
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("Task 1/start/1 attempt 0 failed: AWS Batch job "), r.out());
    String[] jobs = new String[2];
    for (int attempt = 0; attempt < 2; attempt++) {
      var log = FlowProcess.run(RetriedFlow.class, "logs", "1/start/1", "--stdout", "--attempt",
          Integer.toString(attempt), "--datastore", "s3", "--datastore-root", root);
      Matcher m = Pattern.compile("attempt " + attempt + " in job (\\S+)\n").matcher(log.out());
      assertTrue(m.find(), log.out());
      jobs[attempt] = m.group(1);
    }
    assertNotEquals(jobs[0], jobs[1]);
    var run = Flow.in(Datastores.open("s3", root), "RetriedFlow")
        .latestSuccessfulRun().orElseThrow();
    assertEquals(jobs[1], run.step("start").task().externalId());
  }

  @Test
  void aJobPastItsTimeoutIsTerminated() throws Exception {
    var r = FlowProcess.run(SlowFlow.class, "run", "--datastore", "s3", "--datastore-root",
        root);
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("starting a long sleep"), r.out());
    assertTrue(r.out().contains("timed out after 8 s (@Timeout on step 'start'); AWS Batch ended"
        + " job "), r.out());
  }

  @Test
  void batchWithoutTheS3DatastoreSaysHowToSetIt(@TempDir Path local) throws Exception {
    var r = FlowProcess.run(MixedFlow.class, "run", "--datastore-root", local.toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("error: steps on AWS Batch need the S3 datastore"), r.out());
    assertTrue(r.out().contains("--datastore s3 --datastore-root s3://BUCKET/PREFIX"), r.out());
  }

  @Test
  void anUnknownWithBatchKeyListsTheValidOnes() throws Exception {
    var r = FlowProcess.run(MixedFlow.class, "run", "--with", "batch:cpus=2", "--datastore",
        "s3", "--datastore-root", root);
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("--with batch:cpus=...: unknown key 'cpus'; batch takes"
        + " assignPublicIp, cpu, efa,"), r.out());
  }

  @Test
  void aMissingQueueIsNamed() throws Exception {
    var r = FlowProcess.run(MixedFlow.class, "run", "--with", "batch:queue=nosuch",
        "--datastore", "s3", "--datastore-root", root);
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("the AWS Batch job queue 'nosuch' does not exist in us-east-1;"
        + " the queues there are [default]"), r.out());
  }
}
