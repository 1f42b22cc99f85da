package dev.cellflow.batch.compute;

import static dev.cellflow.compute.TaskOutcome.Status.FAILED;

import dev.cellflow.CellflowException;
import dev.cellflow.batch.container.ContainerMain;
import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.RunContext;
import dev.cellflow.compute.SplitFrame;
import dev.cellflow.compute.StepResources;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.internal.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Runs tasks as AWS Batch jobs ({@link JobSubmitter}), tagged with their flow, run, step, task
 * and user so that {@code batch list|kill} find them. Splits of a large foreach that arrive
 * together go as one array job. One thread polls every job of the run through a {@link
 * JobFollower}, which shows each state change with the task's prefix, streams the output from
 * CloudWatch Logs into the task's log, explains a job that stays {@code RUNNABLE} too long,
 * ends a job past its {@code @Timeout}, and reports the end.
 *
 * <p>It polls {@value #FAST_POLL_MS} ms after a submit or a state change, each later interval a
 * quarter longer than the one before, up to {@code CELLFLOW_BATCH_POLL_MS}: a short job's end is
 * seen soon, and a long one costs few calls. A finished job's log is complete once its last line,
 * {@link ContainerMain#END_OF_OUTPUT}, has been read; a job that did not print it is read for
 * {@code CELLFLOW_BATCH_LOG_DRAIN_MS} more, as CloudWatch delivers late.
 *
 * <p>Settings: {@code CELLFLOW_BATCH_POLL_MS} (2000), {@code CELLFLOW_BATCH_RUNNABLE_SECONDS}
 * (300: when to explain a waiting job), {@code CELLFLOW_BATCH_LOG_DRAIN_MS} (3000: how long to
 * keep reading a finished job's log that did not end with its last line), {@code
 * CELLFLOW_BATCH_ARRAY_MIN} (50: a foreach of at least this many splits submits the splits that
 * are launched together as one array job; 0 never), {@code CELLFLOW_BATCH_JAVA_OPTIONS} (JVM
 * options of the task in the container), and those of {@link BatchOptions}.
 */
final class BatchBackend implements ComputeBackend {
  /** How long launches of one foreach are gathered before their array job goes. */
  private static final long ARRAY_WAIT_MS = 200;
  /** The poll interval after a submit or a state change (the configured one when shorter). */
  static final long FAST_POLL_MS = 100;
  /** How long {@link #killAll} waits to read what the ended jobs printed. */
  private static final long KILL_DRAIN_SECONDS = 5;

  private record Pending(TaskLaunch launch, Consumer<TaskOutcome> done) {}

  /** Launches that may share an array job: the same foreach, step and job. */
  private record ArrayKey(String step, String foreach, StepResources resources,
      Map<String, String> args, long timeout) {}

  private final Config config = Config.load();
  private final BatchClient batch;
  private final CloudWatchLogsClient logs;
  private final JobSubmitter submitter;
  private final JobFollower follower;
  private final Map<ArrayKey, List<Pending>> gathering = new HashMap<>();
  private final ScheduledExecutorService poller;
  private final long pollMs;
  /** The next poll, its interval, and whether a submit asked for one soon: guarded by this. */
  private ScheduledFuture<?> nextPoll;
  private long pollDelay;
  private boolean hurried;
  private final int arrayMin;

  BatchBackend(RunContext ctx) {
    String root = ctx.datastore().storage().root();
    if (!root.startsWith("s3://")) {
      throw new CellflowException("steps on AWS Batch need the S3 datastore, so that the job"
          + " can read its inputs and write its artifacts: run with --datastore s3"
          + " --datastore-root s3://BUCKET/PREFIX (or set CELLFLOW_DATASTORE=s3 and"
          + " CELLFLOW_DATASTORE_ROOT=s3://BUCKET/PREFIX); the datastore now is " + root);
    }
    this.batch = BatchClients.batch();
    this.logs = BatchClients.logs();
    this.submitter = new JobSubmitter(ctx, config, batch);
    this.pollMs = config.getLong("batchPollMs", 2000, "milliseconds");
    this.follower = new JobFollower(batch, logs, System::currentTimeMillis, System.err,
        1000 * config.getLong("batchRunnableSeconds", 300, "seconds"),
        config.getLong("batchLogDrainMs", 3000, "milliseconds"));
    this.arrayMin = (int) Math.min(Integer.MAX_VALUE, config.getLong("batchArrayMin", 50,
        "tasks"));
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cellflow-batch-poller");
      t.setDaemon(true);
      return t;
    });
    synchronized (this) {
      pollDelay = pollMs;
      nextPoll = poller.schedule(this::tick, pollMs, TimeUnit.MILLISECONDS);
    }
  }

  /** Polls, then schedules the next poll: soon after a change, less often while none comes. */
  private void tick() {
    boolean changed = follower.poll();
    synchronized (this) {
      pollDelay = changed || hurried ? Math.min(FAST_POLL_MS, pollMs)
          : Math.min(pollMs, pollDelay + Math.max(1, pollDelay / 4));
      hurried = false;
      if (!poller.isShutdown()) {
        nextPoll = poller.schedule(this::tick, pollDelay, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** A job was submitted: the next poll comes within {@value #FAST_POLL_MS} ms. */
  private synchronized void hurry() {
    hurried = true; // a poll under way schedules the next one soon
    if (!poller.isShutdown() && nextPoll.getDelay(TimeUnit.MILLISECONDS) > FAST_POLL_MS
        && nextPoll.cancel(false)) {
      nextPoll = poller.schedule(this::tick, Math.min(FAST_POLL_MS, pollMs),
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void launch(TaskLaunch launch, Consumer<TaskOutcome> done) {
    List<SplitFrame> stack = launch.spec().splitStack();
    SplitFrame split = stack.isEmpty() ? null : stack.get(stack.size() - 1);
    if (arrayMin > 1 && split != null && split.foreach() && split.count() >= arrayMin
        && !launch.backendArgs().containsKey("numNodes")) { // multi-node jobs are never arrays
      ArrayKey key = new ArrayKey(launch.spec().step(), split.step() + "/" + split.task(),
          launch.resources(), launch.backendArgs(), launch.timeoutSeconds());
      synchronized (gathering) {
        gathering.computeIfAbsent(key, k -> {
          poller.schedule(() -> submitGathered(k), ARRAY_WAIT_MS, TimeUnit.MILLISECONDS);
          return new ArrayList<>();
        }).add(new Pending(launch, done));
      }
      return;
    }
    submit(List.of(new Pending(launch, done)));
  }

  private void submitGathered(ArrayKey key) {
    List<Pending> group;
    synchronized (gathering) {
      group = gathering.remove(key);
    }
    if (group != null) {
      submit(group);
    }
  }

  /** Submits one job, or an array job for several splits; failures end those tasks. */
  private void submit(List<Pending> group) {
    TaskLaunch first = group.get(0).launch();
    try {
      JobSubmitter.Target t = submitter.target(first);
      List<String> ids = new ArrayList<>();
      if (group.size() == 1) {
        ids.add(submitter.submit(first, t));
      } else {
        String parent = submitter.submitArray(group.stream().map(Pending::launch).toList(), t);
        for (int i = 0; i < group.size(); i++) {
          ids.add(parent + ":" + i); // Batch's id of child i
        }
      }
      for (int i = 0; i < group.size(); i++) {
        TaskLaunch l = group.get(i).launch();
        l.logs().where("job " + ids.get(i));
        l.logs().externalId(ids.get(i)); // recorded now: Ctrl-C or a crash may come before its end
        l.logs().note("AWS Batch job SUBMITTED to queue " + t.queue()
            + (group.size() > 1 ? " as child " + i + " of an array job of " + group.size() : "")
            + " (" + l.resources().cpu() + " vCPU, " + l.resources().memory() + " MB"
            + (l.resources().gpu() > 0 ? ", " + l.resources().gpu() + " GPU" : "")
            + ", image " + t.options().image() + ")");
        follower.add(new JobWatch(l, group.get(i).done(), ids.get(i), t.queue()));
      }
      hurry();
    } catch (CellflowException e) {
      fail(group, e.getMessage());
    } catch (RuntimeException | IOException e) {
      fail(group, "could not submit the AWS Batch job for " + first.spec().pathspec() + ": " + e);
    }
  }

  private static void fail(List<Pending> group, String why) {
    for (Pending p : group) {
      p.done().accept(new TaskOutcome(FAILED, why, null, 0, System.currentTimeMillis()));
    }
  }

  @Override
  public void killAll() {
    List<Pending> waiting = new ArrayList<>();
    synchronized (gathering) {
      gathering.values().forEach(waiting::addAll);
      gathering.clear();
    }
    for (Pending p : waiting) {
      p.done().accept(JobFollower.notSubmitted(System.currentTimeMillis()));
    }
    follower.terminateAll("the run was stopped");
    // what the jobs printed up to now goes into their tasks' logs before the runtime keeps
    // them (Ctrl-C: the runtime goes away next); on the polling thread, which owns the tails
    try {
      poller.submit(follower::poll).get(KILL_DRAIN_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the poller is gone or slow: the output read so far is kept
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      poller.shutdownNow();
    }
    batch.close();
    logs.close();
  }
}
