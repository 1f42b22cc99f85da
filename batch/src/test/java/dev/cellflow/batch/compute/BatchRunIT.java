package dev.cellflow.batch.compute;

import dev.cellflow.batch.emulator.MotoBatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.batch.s3.SquaresFlow;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.client.Task;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Flows with steps on AWS Batch, end to end against the emulator: the runtime speaks the Batch,
 * CloudWatch Logs and S3 APIs over HTTP; each job's container command really runs (the host's
 * JDK stands in for the image, which the emulator cannot show), fetches the code package from
 * S3, runs the task entry point and writes its artifacts to S3.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the second finds the first's code in S3
class BatchRunIT {
  private static String root;

  @BeforeAll
  static void emulator() throws Exception {
    MotoBatch.reset();
    MotoBatch.queue("default", 16, "m5.2xlarge");
    root = MotoBatch.bucket();
  }

  @Test
  @Order(1)
  void oneBatchStepBetweenLocalStepsRunsAsAJobAndItsArtifactsComeBack() throws Exception {
    var r = FlowProcess.run(MixedFlow.class, "run", "--datastore", "s3", "--datastore-root",
        root);
    assertEquals(0, r.exit(), r.out());
    Run run = Flow.in(Datastores.open("s3", root), "MixedFlow")
        .latestSuccessfulRun().orElseThrow();
    Task heavy = run.step("heavy").task();
    String jobId = heavy.externalId();
    assertNotNull(jobId, "the job id is in the task's record");
    assertEquals(jobId, heavy.artifact("jobId").value(), "the step ran inside that job");
    assertNull(run.step("start").task().externalId(), "start ran locally");
    assertTrue(r.out().contains("local end sees y = 42 from job " + jobId), r.out());
    // RUNNABLE and STARTING are brief in the emulator; a poll may fall between them
    for (String state : new String[] {"SUBMITTED", "RUNNING", "SUCCEEDED"}) {
      assertTrue(r.out().contains("/heavy/2 (job " + jobId + ")] AWS Batch job " + state),
          state + " shown with the task's prefix: " + r.out());
    }
    // @Batch(memory = 1000) alone is a 1000 MB job, not raised to @Resources' default 4000
    assertTrue(r.out().contains("(1 vCPU, 1000 MB, image "), r.out());
    try (var batch = BatchClients.batch()) {
      String def = batch.describeJobs(d -> d.jobs(jobId)).jobs().get(0).jobDefinition();
      var props = batch.describeJobDefinitions(d -> d.jobDefinitions(def)).jobDefinitions()
          .get(0).containerProperties();
      assertTrue(props.resourceRequirements().stream().anyMatch(q -> q.typeAsString()
          .equals("MEMORY") && q.value().equals("1000")), props.toString());
    }
    assertTrue(r.out().contains("/heavy/2 (job " + jobId + ")] heavy ran in job " + jobId),
        "the job's output streamed with the prefix: " + r.out());
    assertEquals("heavy ran in job " + jobId + " and made 42\n", heavy.stdout());

    var logs = FlowProcess.run(MixedFlow.class, "logs", "1/heavy/2", "--datastore", "s3",
        "--datastore-root", root);
    assertEquals("heavy ran in job " + jobId + " and made 42\n", logs.out());
  }

  @Test
  @Order(2)
  void withBatchEveryStepAndEachForeachSplitIsAJobAndTheCodeIsNotUploadedAgain()
      throws Exception {
    var r = FlowProcess.run(SquaresFlow.class, "run", "--with", "batch:memory=1000",
        "--max-workers", "2", "--datastore", "s3", "--datastore-root", root);
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().matches("(?s).*Code package for AWS Batch: (\\d+) classpath entries, 0"
        + " uploaded.*"), "the same classpath is already in S3: " + r.out());
    assertTrue(r.out().contains("total 30"), r.out());
    Run run = Flow.in(Datastores.open("s3", root), "SquaresFlow")
        .latestSuccessfulRun().orElseThrow();
    Set<String> jobs = new HashSet<>();
    for (String step : List.of("start", "square", "join", "end")) {
      for (Task t : run.step(step).tasks()) {
        assertNotNull(t.externalId(), t.pathspec() + " ran as a job");
        jobs.add(t.externalId());
      }
    }
    assertEquals(7, jobs.size(), "one job per task, four of them the splits");
    int total = run.step("join").task().artifact("total").value();
    assertEquals(30, total);
  }

  @Test
  @Order(3)
  void theSplitsOfALargeForeachGoAsOneArrayJobEachChildRunningItsOwnSplit() throws Exception {
    Map<String, String> env = new HashMap<>(MotoBatch.processEnv());
    env.put("CELLFLOW_BATCH_ARRAY_MIN", "4"); // "large" here: SquaresFlow makes 4 splits
    var r = FlowProcess.start(env, SquaresFlow.class, "run", "--with", "batch:memory=1000",
        "--datastore", "s3", "--datastore-root", root).waitFor(180);
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("as child 3 of an array job of 4"), r.out());
    assertTrue(r.out().contains("total 30"), r.out());
    Run run = Flow.in(Datastores.open("s3", root), "SquaresFlow")
        .latestSuccessfulRun().orElseThrow();
    Set<String> parents = new HashSet<>();
    Set<String> children = new HashSet<>();
    for (Task t : run.step("square").tasks()) {
      String id = t.externalId();
      parents.add(id.substring(0, id.indexOf(':')));
      children.add(id.substring(id.indexOf(':') + 1));
      int square = t.artifact("square").value();
      int x = (int) Math.round(Math.sqrt(square));
      assertEquals("square of " + x + " is " + square + "\n", t.stdout(),
          "each child ran its own split, and its log is its own");
    }
    assertEquals(1, parents.size(), "one array job: " + parents);
    assertEquals(Set.of("0", "1", "2", "3"), children);
  }
}
