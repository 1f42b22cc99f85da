package dev.cellflow.batch.compute;

import dev.cellflow.batch.emulator.MotoBatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobDetail;

/** Jobs stopped from outside the run: {@code batch kill}, Ctrl-C; and a job that cannot start. */
class BatchControlIT {
  private static String root;

  @BeforeAll
  static void emulator() throws Exception {
    MotoBatch.reset();
    MotoBatch.queue("default", 16, "m5.2xlarge");
    MotoBatch.queue("small", 2, "m5.large");
    root = MotoBatch.bucket();
  }

  private static String jobId(String out) {
    Matcher m = Pattern.compile("\\(job (\\S+)\\)]").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }

  private static JobDetail describe(String jobId) throws Exception {
    MotoBatch.endpoint();
    try (var batch = BatchClients.batch()) {
      return batch.describeJobs(r -> r.jobs(jobId)).jobs().get(0);
    }
  }

  @Test
  void batchListShowsARunningJobAndBatchKillEndsItWithoutARetry() throws Exception {
    FlowProcess run = FlowProcess.start(WaitingFlow.class, "run", "--datastore", "s3",
        "--datastore-root", root);
    assertTrue(run.awaitOutput("waiting to be killed", 90), run.output());
    String job = jobId(run.output());

    var list = FlowProcess.run(WaitingFlow.class, "batch", "list");
    assertEquals(0, list.exit(), list.out());
    assertTrue(list.out().matches("(?s)WaitingFlow/1/start/1 +RUNNING +job " + job
        + " +queue default +user \\S+\n"), list.out());
    var otherUser = FlowProcess.run(WaitingFlow.class, "batch", "list", "--user", "nobody-else");
    assertEquals("No unfinished AWS Batch jobs of flow WaitingFlow in the runs of user"
        + " nobody-else.\n", otherUser.out());
    var otherFlow = FlowProcess.run(SlowFlow.class, "batch", "list");
    assertTrue(otherFlow.out().startsWith("No unfinished AWS Batch jobs of flow SlowFlow"),
        otherFlow.out());

    var kill = FlowProcess.run(WaitingFlow.class, "batch", "kill", "--run-id", "1");
    assertEquals(0, kill.exit(), kill.out());
    assertTrue(kill.out().contains("Terminated WaitingFlow/1/start/1 (job " + job
        + ", was RUNNING)"), kill.out());

    var ended = run.waitFor(60);
    assertEquals(1, ended.exit(), ended.out());
    assertTrue(ended.out().contains("was terminated (cellflow: killed with batch kill by "),
        ended.out());
    assertFalse(ended.out().contains("retrying"), "@Retry does not rerun a killed job: "
        + ended.out());
    assertTrue(FlowProcess.run(WaitingFlow.class, "batch", "list").out()
        .startsWith("No unfinished AWS Batch jobs of flow WaitingFlow"));
  }

  @Test
  void aJobNoComputeEnvironmentCanHoldIsExplainedAndCtrlCTerminatesIt_capacityIsEmulated()
      throws Exception {
    FlowProcess run = FlowProcess.start(HugeFlow.class, "run", "--datastore", "s3",
        "--datastore-root", root);
    assertTrue(run.awaitOutput("has been RUNNABLE for", 90), run.output());
    String job = jobId(run.output());
    assertTrue(run.output().contains("it asks for 4 vCPU, 6000 MB; queue 'small' has compute"
        + " environment(s) 'small-env' (ENABLED, VALID, maxvCpus 2, instance types m5.large):"
        + " maxvCpus 2 is less than the 4 vCPUs asked. No compute environment of the queue can"
        + " ever run it"), run.output());

    // Ctrl-C: the run's shutdown hook ends its jobs
    new ProcessBuilder("kill", "-INT", Long.toString(run.process.pid())).start().waitFor();
    var ended = run.waitFor(60);
    assertTrue(ended.out().contains("interrupted"), ended.out());
    // the emulator moves a terminated job to FAILED on its own thread: wait for that, briefly
    JobDetail d = describe(job);
    for (long until = System.nanoTime() + 30_000_000_000L;
        !d.statusAsString().equals("FAILED") && System.nanoTime() < until; d = describe(job)) {
      Thread.sleep(250);
    }
    assertEquals("FAILED", d.statusAsString(), ended.out());
    assertEquals("cellflow: the run was stopped", d.statusReason());
  }
}
