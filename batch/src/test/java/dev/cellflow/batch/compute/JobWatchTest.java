package dev.cellflow.batch.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cellflow.compute.StepResources;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.compute.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.JobDetail;

/** How a finished job's description becomes the task's outcome (canned DescribeJobs answers). */
class JobWatchTest {
  private static JobWatch watch(long timeout) {
    TaskSpec spec = TaskSpec.builder("F", "train", 3, 7).datastore("s3", "s3://b/").build();
    return new JobWatch(new TaskLaunch(spec, StepResources.DEFAULT, timeout, null), o -> { },
        "job-1", "q");
  }

  private static JobDetail job(String status, String reason, Integer exit) {
    return JobDetail.builder().jobId("job-1").status(status).statusReason(reason).startedAt(5L)
        .container(c -> c.exitCode(exit)).build();
  }

  @Test
  void aSucceededJobIsOkWithItsId() {
    TaskOutcome o = watch(0).outcome(job("SUCCEEDED", null, 0));
    assertEquals(TaskOutcome.Status.OK, o.status());
    assertEquals("job-1", o.externalId());
    assertEquals(5L, o.startedAt());
  }

  @Test
  void aFailedJobSaysItsExitCodeReasonAndTheExceptionItPrinted() {
    JobWatch w = watch(0);
    for (String line : List.of("reading", "java.lang.IllegalStateException: no data",
        "\tat F.train(F.java:3)", "\tat dev.cellflow.internal.task.TaskRunner.run(TaskRunner.java:1)")) {
      w.saw(line);
    }
    TaskOutcome o = w.outcome(job("FAILED", "Essential container in task exited", 1));
    assertEquals(TaskOutcome.Status.FAILED, o.status());
    assertEquals("AWS Batch job job-1 failed with exit code 1 (Essential container in task"
        + " exited): java.lang.IllegalStateException: no data", o.summary());
    assertEquals(1, o.exitCode());
  }

  @Test
  void aCellflowErrorLineIsTheSummary() {
    JobWatch w = watch(0);
    w.saw("error: artifact 'x' cannot be read");
    assertEquals("AWS Batch job job-1 failed with exit code 1: artifact 'x' cannot be read",
        w.outcome(job("FAILED", null, 1)).summary());
  }

  @Test
  void jobsEndedByBatchKillAreKilledNotFailed() {
    TaskOutcome o = watch(0).outcome(job("FAILED", "cellflow: killed with batch kill by ann",
        137));
    assertEquals(TaskOutcome.Status.KILLED, o.status());
  }

  @Test
  void batchsOwnAttemptTimeoutIsATimeout() {
    TaskOutcome o = watch(600).outcome(job("FAILED", "Job attempt duration exceeded timeout",
        137));
    assertEquals(TaskOutcome.Status.TIMEOUT, o.status());
    assertEquals("timed out after 600 s (@Timeout on step 'train'); AWS Batch ended job job-1",
        o.summary());
  }

  @Test
  void aLongTraceIsQuotedByItsFirstLineNotByACauseOrTheSdksFrames() {
    JobWatch w = watch(0);
    w.saw("writing the artifacts");
    w.saw("java.io.IOException: cannot write s3://b/F/3/train/7/x: Unable to execute HTTP"
        + " request: Connection refused");
    for (int i = 0; i < 60; i++) {
      w.saw("\tat software.amazon.awssdk.core.internal.Frame" + i + ".run(Frame.java:1)");
    }
    w.saw("Caused by: software.amazon.awssdk.core.exception.SdkClientException: Unable to"
        + " execute HTTP request: Connection refused");
    w.saw("\tat software.amazon.awssdk.Client.call(Client.java:9)");
    w.saw("\t... 60 more");
    w.saw("Caused by: java.net.ConnectException: Connection refused");
    w.saw("\tat java.base/sun.nio.ch.Net.connect0(Native Method)");
    w.saw("\t... 70 more");
    assertEquals("AWS Batch job job-1 failed with exit code 1: java.io.IOException: cannot write"
        + " s3://b/F/3/train/7/x: Unable to execute HTTP request: Connection refused",
        w.outcome(job("FAILED", null, 1)).summary());
  }
}
