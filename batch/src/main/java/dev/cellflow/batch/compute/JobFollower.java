package dev.cellflow.batch.compute;

import static dev.cellflow.compute.TaskOutcome.Status.KILLED;

import dev.cellflow.batch.container.ContainerMain;
import dev.cellflow.batch.container.StderrMarking;
import dev.cellflow.batch.diagnosis.RunnableDiagnosis;
import dev.cellflow.batch.logs.LogTail;
import dev.cellflow.compute.TaskOutcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Follows a run's submitted jobs, one poll at a time: describes them in batches of 100, shows
 * each state change with the task's prefix, streams the output from CloudWatch Logs into the
 * task's log, explains a job that stays RUNNABLE too long ({@link RunnableDiagnosis}), ends a
 * job past its {@code @Timeout}, and reports each end once its output is drained. It holds no
 * thread: {@link BatchBackend} calls {@link #poll} on its polling thread. The AWS clients (the
 * SDK's own interfaces; only {@code DescribeJobs}, {@code TerminateJob}, {@code GetLogEvents}
 * and the diagnosis's describe calls are used) and the clock are given, so that unit tests
 * follow jobs through canned answers.
 */
final class JobFollower {
  private final BatchClient batch;
  private final CloudWatchLogsClient logs;
  private final LongSupplier clock;
  private final PrintStream err;
  private final long runnableMs;
  private final long drainMs;
  private final Map<String, JobWatch> active = new ConcurrentHashMap<>();
  /** The last poll's failure, said once; null while polls work (the polling thread's). */
  private String pollFailure;

  /**
   * Follows jobs through {@code batch} and {@code logs}; a job RUNNABLE for {@code runnableMs}
   * is explained, a finished job's log is read for {@code drainMs} more when it did not end
   * with its last line. {@code err} hears about polls that fail.
   */
  JobFollower(BatchClient batch, CloudWatchLogsClient logs, LongSupplier clock, PrintStream err,
      long runnableMs, long drainMs) {
    this.batch = batch;
    this.logs = logs;
    this.clock = clock;
    this.err = err;
    this.runnableMs = runnableMs;
    this.drainMs = drainMs;
  }

  /** Follows {@code w}'s job from the next poll on. */
  void add(JobWatch w) {
    active.put(w.jobId, w);
  }

  /** The jobs followed now. */
  Collection<JobWatch> active() {
    return active.values();
  }

  /**
   * One poll. Returns whether a job changed state or is finishing (then the next poll should
   * come soon). A failed poll (network, throttling past the SDK's retries) is retried on the
   * next one, and told once, not at every poll while it lasts.
   */
  boolean poll() {
    try {
      boolean changed = pollOnce();
      if (pollFailure != null) {
        err.println("cellflow: AWS Batch answers again");
        pollFailure = null;
      }
      return changed;
    } catch (RuntimeException e) {
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      if (!why.equals(pollFailure)) {
        err.println("cellflow: could not poll AWS Batch (will retry): " + why);
      }
      pollFailure = why;
      return false;
    }
  }

  private boolean pollOnce() {
    boolean changed = false;
    List<String> ids = new ArrayList<>(active.keySet());
    for (int i = 0; i < ids.size(); i += 100) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 100));
      for (JobDetail d : batch.describeJobs(r -> r.jobs(chunk)).jobs()) {
        JobWatch w = active.get(d.jobId());
        if (w != null) {
          changed |= follow(w, d);
        }
      }
    }
    return changed;
  }

  /** Follows one job; returns whether it changed state or is finishing. */
  private boolean follow(JobWatch w, JobDetail d) {
    long now = clock.getAsLong();
    String status = d.statusAsString();
    boolean changed = !status.equals(w.status);
    if (changed) {
      w.status = status;
      w.statusSince = now;
      w.launch.logs().note("AWS Batch job " + status + (JobWatch.isFinal(status)
          && d.statusReason() != null ? " (" + d.statusReason() + ")" : ""));
    }
    if (status.equals("RUNNABLE") && !w.diagnosed && now - w.statusSince >= runnableMs) {
      w.diagnosed = true;
      w.launch.logs().note("AWS Batch job has been RUNNABLE for " + (now - w.statusSince) / 1000
          + " s: " + RunnableDiagnosis.explain(batch, w.queue, w.launch.resources()));
    }
    long limit = w.launch.timeoutSeconds();
    if (status.equals("RUNNING") && limit > 0 && !w.timedOut && d.startedAt() != null
        && now - d.startedAt() > 1000 * limit) {
      // Batch's own attemptDurationSeconds cannot be under 60 s, and counts from STARTING
      w.timedOut = true;
      terminate(w.jobId, "timed out after " + limit + " s (@Timeout)");
    }
    if (w.tail == null && d.container() != null && d.container().logStreamName() != null) {
      w.tail = new LogTail(logs, d.container().logStreamName());
    }
    int read = readLog(w);
    if (!JobWatch.isFinal(status)) {
      return changed;
    }
    if (w.finalSeenAt == 0) {
      w.finalSeenAt = now;
    }
    boolean drained = w.outputEnded || read == 0 && now - w.finalSeenAt >= drainMs;
    if (drained && active.remove(w.jobId) != null) {
      w.done.accept(w.outcome(d));
    }
    return true;
  }

  /**
   * Reads what {@code w}'s job printed since the last read into its task's log. A log that
   * cannot be read is told once, with where to read it; the job's state alone then decides the
   * task's end, after the bounded drain.
   */
  private int readLog(JobWatch w) {
    if (w.tail == null) {
      return 0;
    }
    int read = w.tail.poll((at, line) -> {
      if (line.equals(ContainerMain.END_OF_OUTPUT)) {
        w.outputEnded = true;
        return;
      }
      boolean stderr = line.startsWith(StderrMarking.MARK);
      String text = stderr ? line.substring(StderrMarking.MARK.length()) : line;
      w.saw(text);
      w.launch.logs().line(stderr, text, at);
    });
    if (w.tail.unreadable() != null && !w.logUnreadableTold) {
      w.logUnreadableTold = true;
      w.launch.logs().note("cannot read the job's output from CloudWatch Logs ("
          + w.tail.unreadable() + "); the job's state still decides the task's end, and what"
          + " cannot be read is not kept with the task: read it with aws logs get-log-events"
          + " --log-group-name " + LogTail.GROUP + " --log-stream-name " + w.tail.stream());
    }
    return read;
  }

  /** Asks Batch to end every job followed; their ends come through later polls. */
  void terminateAll(String why) {
    for (JobWatch w : active.values()) {
      w.killRequested = true;
      terminate(w.jobId, why);
    }
  }

  private void terminate(String jobId, String why) {
    try {
      batch.terminateJob(r -> r.jobId(jobId).reason(JobWatch.KILL_REASON + " " + why));
    } catch (RuntimeException e) {
      err.println("cellflow: could not terminate AWS Batch job " + jobId + ": " + e);
    }
  }

  /** An outcome for a task whose job was never submitted because the run stopped. */
  static TaskOutcome notSubmitted(long now) {
    return new TaskOutcome(KILLED, "not submitted: the run stopped", null, 0, now);
  }
}
