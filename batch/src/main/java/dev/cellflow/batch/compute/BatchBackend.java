package dev.cellflow.batch.compute;

import dev.cellflow.CellflowException;
import dev.cellflow.batch.code.CodePackage;
import dev.cellflow.batch.diagnosis.RunnableDiagnosis;
import dev.cellflow.batch.logs.LogTail;
import dev.cellflow.batch.s3.S3Clients;
import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.RunContext;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.config.Config;
import dev.cellflow.datastore.FlowDatastore;
import dev.cellflow.task.TaskSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Runs tasks as AWS Batch jobs. The first launch uploads the run's code ({@link CodePackage});
 * each task is one job of a definition registered once per content ({@link JobDefinitions}),
 * tagged with its flow, run, step, task and user so that {@code batch list|kill} find it. One
 * thread follows every job of the run: it describes them in batches of 100, shows each state
 * change with the task's prefix, streams the output from CloudWatch Logs into the task's log,
 * explains a job that stays RUNNABLE too long ({@link RunnableDiagnosis}), and reports the end.
 *
 * <p>Settings: {@code CELLFLOW_BATCH_POLL_MS} (2000), {@code CELLFLOW_BATCH_RUNNABLE_SECONDS}
 * (300: when to explain a waiting job), {@code CELLFLOW_BATCH_LOG_DRAIN_MS} (3000: how long to
 * keep reading a finished job's log, which CloudWatch delivers late), and those of {@link
 * BatchOptions}.
 */
final class BatchBackend implements ComputeBackend {
  /** Five days: AWS Batch's own default would be none; Metaflow's is the same. */
  static final long DEFAULT_TIMEOUT_SECONDS = 5 * 24 * 3600;

  private final RunContext ctx;
  private final FlowDatastore ds;
  private final Config config = Config.load();
  private final BatchClient batch = BatchClients.batch();
  private final CloudWatchLogsClient logs = BatchClients.logs();
  private final JobDefinitions definitions = new JobDefinitions(batch);
  private final Map<String, JobWatch> active = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller;
  private final long pollMs;
  private final long runnableMs;
  private final long drainMs;
  private String codeUrl;
  /** Queue names resolved or checked: "" for the default, "checked:NAME" for a given one. */
  private final Map<String, String> defaultQueue = new LinkedHashMap<>();

  BatchBackend(RunContext ctx) {
    this.ctx = ctx;
    this.ds = ctx.datastore();
    if (!ds.storage().root().startsWith("s3://")) {
      throw new CellflowException("steps on AWS Batch need the S3 datastore, so that the job"
          + " can read its inputs and write its artifacts: run with --datastore s3"
          + " --datastore-root s3://BUCKET/PREFIX (or set CELLFLOW_DATASTORE=s3 and"
          + " CELLFLOW_DATASTORE_ROOT=s3://BUCKET/PREFIX); the datastore now is "
          + ds.storage().root());
    }
    this.pollMs = Long.parseLong(config.get("batchPollMs", "2000"));
    this.runnableMs = 1000 * Long.parseLong(config.get("batchRunnableSeconds", "300"));
    this.drainMs = Long.parseLong(config.get("batchLogDrainMs", "3000"));
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cellflow-batch-poller");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::pollSafely, pollMs, pollMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void launch(TaskLaunch launch, Consumer<TaskOutcome> done) {
    TaskSpec spec = launch.spec();
    String where = "step '" + spec.step() + "' (@Batch or --with batch)";
    try {
      BatchOptions o = BatchOptions.of(launch.backendArgs(), config, where);
      String queue = o.queue() != null ? checkedQueue(o.queue()) : defaultQueue();
      String def = definitions.arnFor(JobDefinitions.properties(launch.resources(), o));
      String url = codeUrl(spec);
      long timeout = launch.timeoutSeconds() > 0 ? launch.timeoutSeconds()
          : DEFAULT_TIMEOUT_SECONDS;
      Map<String, String> tags = new LinkedHashMap<>(o.tags());
      tags.putAll(Map.of("cellflow:flow", ds.flow(), "cellflow:run", Integer.toString(spec.run()),
          "cellflow:step", spec.step(), "cellflow:task", Integer.toString(spec.task()),
          "cellflow:user", config.user()));
      String jobId = batch.submitJob(r -> r.jobName(jobName(spec)).jobQueue(queue)
          .jobDefinition(def).tags(tags).timeout(t -> t.attemptDurationSeconds((int) Math.max(60,
              timeout)))
          .containerOverrides(c -> c.command(ContainerCommand.of(spec)).environment(
              env("CELLFLOW_CODE_URL", url),
              env("CELLFLOW_HEAP_MB",
                  Integer.toString(ContainerCommand.heapMb(launch.resources().memory()))),
              env("CELLFLOW_USER", config.user()),
              env("AWS_REGION", S3Clients.region().id())))).jobId();
      launch.logs().where("job " + jobId);
      launch.logs().note("AWS Batch job SUBMITTED to queue " + queue + " ("
          + launch.resources().cpu() + " vCPU, " + launch.resources().memory() + " MB"
          + (launch.resources().gpu() > 0 ? ", " + launch.resources().gpu() + " GPU" : "")
          + ", image " + o.image() + ")");
      active.put(jobId, new JobWatch(launch, done, jobId, queue));
    } catch (CellflowException e) {
      done.accept(new TaskOutcome("failed", e.getMessage(), null, 0,
          System.currentTimeMillis()));
    } catch (RuntimeException | IOException e) {
      done.accept(new TaskOutcome("failed", "could not submit the AWS Batch job for "
          + spec.pathspec() + ": " + e, null, 0, System.currentTimeMillis()));
    }
  }

  private static KeyValuePair env(String name, String value) {
    return KeyValuePair.builder().name(name).value(value).build();
  }

  /** {@code cellflow-FLOW-RUN-STEP-TASK}, in the characters a job name may have. */
  private String jobName(TaskSpec spec) {
    String n = ("cellflow-" + ds.flow() + "-" + spec.run() + "-" + spec.step() + "-"
        + spec.task()).replaceAll("[^A-Za-z0-9_-]", "_");
    return n.length() > 128 ? n.substring(0, 128) : n;
  }

  /** Uploads the code on first need; the manifest lives with the run. */
  private synchronized String codeUrl(TaskSpec spec) throws IOException {
    if (codeUrl == null) {
      long t = System.nanoTime();
      try (S3Presigner presigner = S3Clients.presigner()) {
        CodePackage p = CodePackage.upload(ds.storage(), ctx.classpath(),
            ds.flow() + "/" + spec.run() + "/_code/manifest.txt", presigner);
        System.err.printf("Code package for AWS Batch: %d classpath entries, %d uploaded"
            + " (%.1f MB) in %.1f s, the rest already in %s_code/%n", p.entries(), p.uploaded(),
            p.uploadedBytes() / 1e6, (System.nanoTime() - t) / 1e9, ds.storage().root());
        codeUrl = p.manifestUrl();
      }
    }
    return codeUrl;
  }

  /** The configured queue is given; else the first ENABLED and VALID queue, asked once. */
  private synchronized String defaultQueue() {
    return defaultQueue.computeIfAbsent("", k -> {
      for (var q : batch.describeJobQueuesPaginator(r -> { }).jobQueues()) {
        if ("ENABLED".equals(q.stateAsString()) && "VALID".equals(q.statusAsString())) {
          return q.jobQueueName();
        }
      }
      throw new CellflowException("no AWS Batch job queue to use: none in "
          + S3Clients.region().id() + " is ENABLED and VALID; set CELLFLOW_BATCH_QUEUE, or"
          + " @Batch(queue = ...), or --with batch:queue=NAME");
    });
  }

  /** {@code name}, or an error listing the queues there are; asked once per queue. */
  private synchronized String checkedQueue(String name) {
    return defaultQueue.computeIfAbsent("checked:" + name, k -> {
      if (!batch.describeJobQueues(r -> r.jobQueues(name)).jobQueues().isEmpty()) {
        return name;
      }
      List<String> there = new ArrayList<>();
      batch.describeJobQueuesPaginator(r -> { }).jobQueues()
          .forEach(q -> there.add(q.jobQueueName()));
      throw new CellflowException("the AWS Batch job queue '" + name + "' does not exist in "
          + S3Clients.region().id() + "; the queues there are " + there
          + " (set it with @Batch(queue = ...), --with batch:queue=NAME or CELLFLOW_BATCH_QUEUE)");
    });
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      // a failed poll (network, throttling past the SDK's retries) is retried on the next tick
      System.err.println("cellflow: could not poll AWS Batch (will retry): " + e.getMessage());
    }
  }

  private void poll() {
    List<String> ids = new ArrayList<>(active.keySet());
    for (int i = 0; i < ids.size(); i += 100) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 100));
      for (JobDetail d : batch.describeJobs(r -> r.jobs(chunk)).jobs()) {
        JobWatch w = active.get(d.jobId());
        if (w != null) {
          follow(w, d);
        }
      }
    }
  }

  private void follow(JobWatch w, JobDetail d) {
    long now = System.currentTimeMillis();
    String status = d.statusAsString();
    if (!status.equals(w.status)) {
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
    int read = w.tail == null ? 0 : w.tail.poll((at, line) -> {
      w.saw(line);
      w.launch.logs().line(false, line, at);
    });
    if (!JobWatch.isFinal(status)) {
      return;
    }
    if (w.finalSeenAt == 0) {
      w.finalSeenAt = now;
    }
    if (read == 0 && now - w.finalSeenAt >= drainMs && active.remove(w.jobId) != null) {
      w.done.accept(w.outcome(d));
    }
  }

  @Override
  public void killAll() {
    for (JobWatch w : active.values()) {
      w.killRequested = true;
      terminate(w.jobId, "the run was stopped");
    }
  }

  private void terminate(String jobId, String why) {
    try {
      batch.terminateJob(r -> r.jobId(jobId).reason(JobWatch.KILL_REASON + " " + why));
    } catch (RuntimeException e) {
      System.err.println("cellflow: could not terminate AWS Batch job " + jobId + ": " + e);
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    batch.close();
    logs.close();
  }
}
