package dev.cellflow.batch.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.batch.container.ContainerMain;
import dev.cellflow.batch.container.StderrMarking;
import dev.cellflow.compute.StepResources;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskLogs;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.DescribeJobQueuesRequest;
import software.amazon.awssdk.services.batch.model.DescribeJobQueuesResponse;
import software.amazon.awssdk.services.batch.model.DescribeJobsRequest;
import software.amazon.awssdk.services.batch.model.DescribeJobsResponse;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.TerminateJobRequest;
import software.amazon.awssdk.services.batch.model.TerminateJobResponse;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * Polling, state changes, timeouts, log draining and kills of {@link JobFollower}, through the
 * SDK's own client interfaces answering from canned job descriptions and log lines, on a clock
 * the test moves: no emulator, no process, no sleeping.
 */
class JobFollowerTest {
  @TempDir
  Path dir;

  private long now = 1_000_000L;
  /** What DescribeJobs says of each job now. */
  private final Map<String, JobDetail> jobs = new HashMap<>();
  /** Each DescribeJobs call's job ids. */
  private final List<List<String>> described = new ArrayList<>();
  private final List<TerminateJobRequest> terminated = new ArrayList<>();
  /** The lines CloudWatch has delivered so far, per stream. */
  private final Map<String, List<String>> streams = new HashMap<>();
  private RuntimeException pollFails;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
  private final List<TaskOutcome> ended = new ArrayList<>();
  private JobFollower follower;

  private final BatchClient batch = new BatchClient() {
    @Override
    public String serviceName() {
      return "batch";
    }

    @Override
    public void close() {}

    @Override
    public DescribeJobsResponse describeJobs(DescribeJobsRequest r) {
      if (pollFails != null) {
        throw pollFails;
      }
      described.add(r.jobs());
      return DescribeJobsResponse.builder()
          .jobs(r.jobs().stream().map(jobs::get).filter(j -> j != null).toList()).build();
    }

    @Override
    public TerminateJobResponse terminateJob(TerminateJobRequest r) {
      terminated.add(r);
      return TerminateJobResponse.builder().build();
    }

    @Override
    public DescribeJobQueuesResponse describeJobQueues(DescribeJobQueuesRequest r) {
      return DescribeJobQueuesResponse.builder().build(); // no such queue
    }
  };

  private final CloudWatchLogsClient logs = logsAnswering(r -> {
    List<String> lines = streams.getOrDefault(r.logStreamName(), List.of());
    int from = r.nextToken() == null ? 0 : Integer.parseInt(r.nextToken());
    List<OutputLogEvent> events = new ArrayList<>();
    for (int i = from; i < lines.size(); i++) {
      events.add(OutputLogEvent.builder().timestamp(now).message(lines.get(i)).build());
    }
    return GetLogEventsResponse.builder().events(events)
        .nextForwardToken(String.valueOf(lines.size())).build();
  });

  /** CloudWatch Logs whose GetLogEvents gives {@code answer}'s answers. */
  private static CloudWatchLogsClient logsAnswering(
      Function<GetLogEventsRequest, GetLogEventsResponse> answer) {
    return new CloudWatchLogsClient() {
      @Override
      public String serviceName() {
        return "logs";
      }

      @Override
      public void close() {}

      @Override
      public GetLogEventsResponse getLogEvents(GetLogEventsRequest r) {
        return answer.apply(r);
      }
    };
  }

  @BeforeEach
  void follower() {
    follower = new JobFollower(batch, logs, () -> now,
        new PrintStream(warnings, true, StandardCharsets.UTF_8), 60_000, 3_000);
  }

  private void watch(String jobId, long timeoutSeconds) {
    TaskSpec spec = TaskSpec.builder("F", "train", 3, jobs.size() + 1)
        .datastore("s3", "s3://b/").build();
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    TaskLogs taskLogs = new TaskLogs(new FlowDatastore(new LocalStorage(dir), "F"), 1 << 20, 3,
        "train", spec.task(), 0, out, out);
    follower.add(new JobWatch(new TaskLaunch(spec, StepResources.DEFAULT, timeoutSeconds,
        taskLogs), ended::add, jobId, "q"));
    say(jobId, "SUBMITTED", null, null);
  }

  private void say(String jobId, String status, String reason, Long startedAt) {
    jobs.put(jobId, JobDetail.builder().jobId(jobId).status(status).statusReason(reason)
        .startedAt(startedAt).container(c -> c.logStreamName("stream-" + jobId).exitCode(
            status.equals("SUCCEEDED") ? Integer.valueOf(0)
                : status.equals("FAILED") ? Integer.valueOf(1) : null)).build());
  }

  private void print(String jobId, String... lines) {
    streams.computeIfAbsent("stream-" + jobId, k -> new ArrayList<>()).addAll(List.of(lines));
  }

  private String shown() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aJobIsFollowedThroughItsStatesAndItsOutputToItsEnd() {
    watch("job-1", 0);
    assertTrue(follower.poll(), "a new state: poll again soon");
    assertFalse(follower.poll(), "nothing changed");
    say("job-1", "RUNNING", null, now);
    print("job-1", "hello", StderrMarking.MARK + "careful");
    assertTrue(follower.poll());
    say("job-1", "SUCCEEDED", "Essential container in task exited", now);
    print("job-1", ContainerMain.END_OF_OUTPUT);
    assertTrue(follower.poll());
    assertEquals(1, ended.size(), "its last line read: the task ends at once");
    assertEquals(TaskOutcome.Status.OK, ended.get(0).status());
    assertEquals("job-1", ended.get(0).externalId());
    String shown = shown();
    assertTrue(shown.contains("AWS Batch job SUBMITTED") && shown.contains("AWS Batch job"
        + " RUNNING") && shown.contains("AWS Batch job SUCCEEDED (Essential container in task"
        + " exited)"), shown);
    assertTrue(shown.contains("hello") && shown.contains("careful"), shown);
    assertFalse(shown.contains(ContainerMain.END_OF_OUTPUT), shown);
    assertFalse(shown.contains(StderrMarking.MARK), shown);
    assertTrue(follower.active().isEmpty());
    follower.poll();
    assertEquals(1, ended.size(), "an end is reported once");
  }

  @Test
  void aFinishedJobsLateOutputIsDrainedBeforeItsTaskEnds() {
    watch("job-1", 0);
    say("job-1", "RUNNING", null, now);
    print("job-1", "working");
    follower.poll();
    say("job-1", "FAILED", null, now);
    follower.poll();
    assertTrue(ended.isEmpty(), "no last line yet: CloudWatch may still deliver");
    now += 1_000;
    print("job-1", "java.lang.IllegalStateException: late");
    follower.poll();
    assertTrue(ended.isEmpty(), "a line came: keep reading");
    now += 1_500;
    follower.poll();
    assertTrue(ended.isEmpty(), "nothing new, but 3 s since the end have not passed");
    now += 600;
    follower.poll();
    assertEquals(1, ended.size(), "nothing more after the drain time: the task ends");
    assertEquals(TaskOutcome.Status.FAILED, ended.get(0).status());
    assertTrue(ended.get(0).summary().endsWith("java.lang.IllegalStateException: late"),
        ended.get(0).summary());
    assertTrue(shown().contains("late"));
  }

  @Test
  void aJobPastItsTimeoutIsTerminatedOnceAndEndsAsATimeout() {
    watch("job-1", 10);
    say("job-1", "RUNNING", null, now);
    follower.poll();
    assertTrue(terminated.isEmpty());
    now += 10_001;
    follower.poll();
    follower.poll();
    assertEquals(1, terminated.size(), "terminated once");
    assertEquals("job-1", terminated.get(0).jobId());
    assertEquals("cellflow: timed out after 10 s (@Timeout)", terminated.get(0).reason());
    say("job-1", "FAILED", terminated.get(0).reason(), now - 10_001);
    print("job-1", ContainerMain.END_OF_OUTPUT);
    follower.poll();
    assertEquals(TaskOutcome.Status.TIMEOUT, ended.get(0).status());
  }

  @Test
  void jobsAreDescribedAtMostAHundredAtATime() {
    for (int i = 0; i < 150; i++) {
      watch("job-" + i, 0);
    }
    follower.poll();
    assertEquals(List.of(100, 50), described.stream().map(List::size).toList());
  }

  @Test
  void aFailingPollIsToldOnceRetriedAndItsRecoveryTold() {
    watch("job-1", 0);
    pollFails = SdkClientException.create("Unable to execute HTTP request: connect timed out\n"
        + "  at the SDK's frames");
    assertFalse(follower.poll());
    assertFalse(follower.poll());
    assertEquals("cellflow: could not poll AWS Batch (will retry): Unable to execute HTTP"
        + " request: connect timed out\n", warnings.toString(StandardCharsets.UTF_8));
    pollFails = null;
    say("job-1", "SUCCEEDED", null, now);
    print("job-1", ContainerMain.END_OF_OUTPUT);
    assertTrue(follower.poll());
    assertTrue(warnings.toString(StandardCharsets.UTF_8).endsWith(
        "cellflow: AWS Batch answers again\n"));
    assertEquals(TaskOutcome.Status.OK, ended.get(0).status());
  }

  @Test
  void stoppingTheRunTerminatesEveryJobAndTheyEndKilled() {
    watch("job-1", 0);
    watch("job-2", 0);
    follower.terminateAll("the run was stopped");
    assertEquals(List.of("job-1", "job-2"), terminated.stream().map(TerminateJobRequest::jobId)
        .sorted().toList());
    say("job-1", "FAILED", "cellflow: the run was stopped", now);
    say("job-2", "FAILED", "cellflow: the run was stopped", now);
    now += 3_000;
    follower.poll();
    now += 3_000;
    follower.poll();
    assertEquals(2, ended.size());
    assertTrue(ended.stream().allMatch(o -> o.status() == TaskOutcome.Status.KILLED), ended
        .toString());
  }

  @Test
  void aJobWaitingTooLongIsExplainedOnce() {
    watch("job-1", 0);
    say("job-1", "RUNNABLE", null, null);
    follower.poll();
    now += 61_000;
    follower.poll();
    follower.poll();
    String shown = shown();
    assertTrue(shown.contains("AWS Batch job has been RUNNABLE for 61 s: the job queue 'q' does"
        + " not exist"), shown);
    assertEquals(shown.indexOf("has been RUNNABLE"), shown.lastIndexOf("has been RUNNABLE"));
  }

  @Test
  void aLogThatCannotBeReadIsToldOnceAndTheJobsStateStillEndsTheTask() {
    CloudWatchLogsClient denied = logsAnswering(r -> {
      throw SdkClientException.create("AccessDenied: not authorized to GetLogEvents");
    });
    follower = new JobFollower(batch, denied, () -> now,
        new PrintStream(warnings, true, StandardCharsets.UTF_8), 60_000, 3_000);
    watch("job-1", 0);
    say("job-1", "RUNNING", null, now);
    follower.poll();
    follower.poll();
    say("job-1", "SUCCEEDED", null, now);
    follower.poll();
    now += 3_000;
    follower.poll();
    String shown = shown();
    assertTrue(shown.contains("cannot read the job's output from CloudWatch Logs (AccessDenied:"
        + " not authorized to GetLogEvents)") && shown.contains("--log-stream-name stream-job-1"),
        shown);
    assertEquals(shown.indexOf("cannot read"), shown.lastIndexOf("cannot read"));
    assertEquals(TaskOutcome.Status.OK, ended.get(0).status());
    assertNull(pollFails);
  }
}
