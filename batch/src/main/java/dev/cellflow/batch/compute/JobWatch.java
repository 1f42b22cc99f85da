package dev.cellflow.batch.compute;

import static dev.cellflow.compute.TaskOutcome.Status.FAILED;
import static dev.cellflow.compute.TaskOutcome.Status.KILLED;
import static dev.cellflow.compute.TaskOutcome.Status.OK;
import static dev.cellflow.compute.TaskOutcome.Status.TIMEOUT;

import dev.cellflow.batch.logs.LogTail;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskOutcome;
import java.util.function.Consumer;
import software.amazon.awssdk.services.batch.model.JobDetail;

/**
 * One submitted job as the runtime follows it: its last state, its log tail, and how to tell its
 * end as a {@link TaskOutcome}. Touched by the backend's one polling thread, and by {@code
 * killAll}.
 */
final class JobWatch {
  /** Starts the reason of jobs that {@code batch kill} or the run itself ended. */
  static final String KILL_REASON = "cellflow:";

  final TaskLaunch launch;
  final Consumer<TaskOutcome> done;
  final String jobId;
  final String queue;
  final long submittedAt = System.currentTimeMillis();
  String status = "";
  long statusSince = System.currentTimeMillis();
  boolean diagnosed;
  LogTail tail;
  volatile boolean killRequested;
  boolean timedOut;
  long finalSeenAt;
  /** Whether its log's last line has been read: then nothing more will come. */
  boolean outputEnded;
  /** Whether a failure to read its log has been told (once per job). */
  boolean logUnreadableTold;
  /** What the failure summary quotes: the last cellflow error line, else the last trace's head. */
  private String errorLine;
  private String traceHead;
  private String previous;
  private String last;

  JobWatch(TaskLaunch launch, Consumer<TaskOutcome> done, String jobId, String queue) {
    this.launch = launch;
    this.done = done;
    this.jobId = jobId;
    this.queue = queue;
  }

  /**
   * Reads a line of output for the failure summary. The head of a trace is the line before its
   * first {@code at} line; a trace's {@code Caused by:} and {@code ...} lines are not heads, so a
   * long SDK trace is quoted by its first line however long it is.
   */
  void saw(String line) {
    if (line.startsWith("error: ")) {
      errorLine = line.substring(7);
    } else if (line.startsWith("\tat ") && previous != null && !inTrace(previous)) {
      traceHead = previous;
    }
    previous = line;
    last = line;
  }

  private static boolean inTrace(String line) {
    return line.startsWith("\t") || line.startsWith("Caused by: ")
        || line.startsWith("Suppressed: ");
  }

  static boolean isFinal(String status) {
    return status.equals("SUCCEEDED") || status.equals("FAILED");
  }

  /** How the finished job {@code d} ended, for the runtime. */
  TaskOutcome outcome(JobDetail d) {
    long started = d.startedAt() != null ? d.startedAt() : submittedAt;
    Integer exit = d.container() == null ? null : d.container().exitCode();
    if (d.statusAsString().equals("SUCCEEDED")) {
      return new TaskOutcome(OK, "", exit, 0, started, jobId);
    }
    String reason = d.statusReason() == null ? "" : d.statusReason();
    String step = launch.spec().step();
    if (timedOut || reason.contains("attempt duration exceeded")) {
      return new TaskOutcome(TIMEOUT, "timed out after " + launch.timeoutSeconds()
          + " s (@Timeout on step '" + step + "'); AWS Batch ended job " + jobId, exit, 0,
          started, jobId);
    }
    if (killRequested || reason.startsWith(KILL_REASON)) {
      return new TaskOutcome(KILLED, "AWS Batch job " + jobId + " was terminated ("
          + (reason.isEmpty() ? "by the run" : reason) + ")", exit, 0, started, jobId);
    }
    String what = failureLine();
    return new TaskOutcome(FAILED, "AWS Batch job " + jobId + " failed"
        + (exit != null ? " with exit code " + exit : "") + (reason.isEmpty() ? "" : " (" + reason
        + ")") + (what != null ? ": " + what : ""), exit, 0, started, jobId);
  }

  /** The line that names the failure: a cellflow error, a trace's first line, or the last. */
  private String failureLine() {
    return errorLine != null ? errorLine : traceHead != null ? traceHead : last;
  }
}
