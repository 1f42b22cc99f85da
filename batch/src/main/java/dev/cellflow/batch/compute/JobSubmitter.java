package dev.cellflow.batch.compute;

import dev.cellflow.CellflowException;
import dev.cellflow.batch.code.CodePackage;
import dev.cellflow.batch.s3.S3Clients;
import dev.cellflow.compute.RunContext;
import dev.cellflow.compute.RunStore;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.metadata.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.batch.model.NodePropertyOverride;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Submits a run's tasks as Batch jobs: one job per task, or one array job for several splits of
 * a foreach (each child reads its task's arguments by its {@code AWS_BATCH_JOB_ARRAY_INDEX}). It
 * resolves the queue, the job definition and the code package first, each once per run.
 */
final class JobSubmitter {
  /** Five days: AWS Batch's own default would be none; Metaflow's is the same. */
  static final long DEFAULT_TIMEOUT_SECONDS = 5 * 24 * 3600;

  /**
   * What a task's job needs, resolved.
   *
   * @param options its arguments
   * @param queue the queue
   * @param definition the job definition's ARN
   */
  record Target(BatchOptions options, String queue, String definition) {}

  private final RunContext ctx;
  private final RunStore ds;
  private final Config config;
  private final BatchClient batch;
  private final JobDefinitions definitions;
  /** Queue names resolved or checked: "" for the default, "checked:NAME" for a given one. */
  private final Map<String, String> queues = new LinkedHashMap<>();
  /** Whether each queue runs on Fargate. */
  private final Map<String, Boolean> fargate = new LinkedHashMap<>();
  private String codeUrl;

  JobSubmitter(RunContext ctx, Config config, BatchClient batch) {
    this.ctx = ctx;
    this.ds = ctx.datastore();
    this.config = config;
    this.batch = batch;
    this.definitions = new JobDefinitions(batch);
  }

  /** The queue and definition of {@code launch}; errors name the step. */
  Target target(TaskLaunch launch) {
    String where = "step '" + launch.spec().step() + "' (@Batch or --with batch)";
    BatchOptions o = BatchOptions.of(launch.backendArgs(), config, where);
    String queue = o.queue() != null ? checkedQueue(o.queue()) : defaultQueue();
    return new Target(o, queue, definitions.arnFor(JobDefinitions.definition(launch.resources(),
        o, fargate(queue), queue, where)));
  }

  /**
   * Whether {@code queue}'s compute environments are Fargate ones (a queue's are all of one
   * kind): its jobs then need a Fargate definition, as Metaflow reads it too. Asked once.
   */
  private synchronized boolean fargate(String queue) {
    return fargate.computeIfAbsent(queue, q -> {
      var order = batch.describeJobQueues(r -> r.jobQueues(q)).jobQueues().stream()
          .flatMap(j -> j.computeEnvironmentOrder().stream()).toList();
      if (order.isEmpty()) {
        return false;
      }
      return batch.describeComputeEnvironments(r -> r.computeEnvironments(
          order.get(0).computeEnvironment())).computeEnvironments().stream()
          .anyMatch(c -> c.computeResources() != null
              && c.computeResources().typeAsString().startsWith("FARGATE"));
    });
  }

  /** Submits one job for {@code launch}; returns its id. */
  String submit(TaskLaunch launch, Target t) throws IOException {
    TaskSpec spec = launch.spec();
    return batch.submitJob(request(launch, t, jobName(spec, spec.step() + "-" + spec.task()),
        Integer.toString(spec.task()), ContainerCommand.of(spec), List.of())).jobId();
  }

  /**
   * Submits one array job for {@code launches} (splits of one foreach, with one target);
   * returns its id: child {@code i}, {@code ID:i}, runs {@code launches.get(i)}.
   */
  String submitArray(List<TaskLaunch> launches, Target t) throws IOException {
    TaskSpec first = launches.get(0).spec();
    List<List<String>> args = new ArrayList<>();
    launches.forEach(l -> args.add(l.spec().toArgs()));
    String key = ds.flow() + "/" + first.run() + "/_code/array-" + first.step() + "-"
        + first.task() + ".json";
    String url;
    try (S3Presigner presigner = S3Clients.presigner()) {
      url = CodePackage.publish(ds.storage(), key, Json.mapper().writeValueAsBytes(args),
          presigner);
    }
    String tasks = first.task() + "-" + launches.get(launches.size() - 1).spec().task();
    SubmitJobRequest r = request(launches.get(0), t, jobName(first, first.step() + "-" + tasks),
        tasks,
        ContainerCommand.array(), List.of(env("CELLFLOW_ARRAY_ARGS_URL", url)));
    return batch.submitJob(r.toBuilder().arrayProperties(a -> a.size(launches.size())).build())
        .jobId();
  }

  private SubmitJobRequest request(TaskLaunch launch, Target t, String name, String task,
      List<String> command, List<KeyValuePair> extraEnv) throws IOException {
    TaskSpec spec = launch.spec();
    String url = codeUrl(spec);
    long timeout = launch.timeoutSeconds() > 0 ? launch.timeoutSeconds()
        : DEFAULT_TIMEOUT_SECONDS;
    Map<String, String> tags = new LinkedHashMap<>(t.options().tags());
    tags.putAll(Map.of("cellflow:flow", ds.flow(), "cellflow:run", Integer.toString(spec.run()),
        "cellflow:step", spec.step(), "cellflow:task", task, "cellflow:user", config.user()));
    List<KeyValuePair> env = new ArrayList<>(List.of(
        env("CELLFLOW_CODE_URL", url),
        env("CELLFLOW_HEAP_MB",
            Integer.toString(ContainerCommand.heapMb(launch.resources().memory()))),
        env("CELLFLOW_USER", config.user()),
        env("CELLFLOW_TASK_JAVA_OPTIONS", config.get("batchJavaOptions", "")),
        env("AWS_REGION", S3Clients.region().id())));
    env.addAll(extraEnv);
    var b = SubmitJobRequest.builder().jobName(name).jobQueue(t.queue())
        .jobDefinition(t.definition()).tags(tags)
        // Batch's shortest attempt duration is 60 s; the runtime ends shorter ones itself
        .timeout(d -> d.attemptDurationSeconds((int) Math.max(60, timeout)));
    if (t.options().extras().nodes() > 0) {
      // a multi-node job takes no container overrides: every node gets the task's command
      return b.nodeOverrides(n -> n.nodePropertyOverrides(NodePropertyOverride.builder()
          .targetNodes("0:").containerOverrides(c -> c.command(command).environment(env))
          .build())).build();
    }
    return b.containerOverrides(c -> c.command(command).environment(env)).build();
  }

  private static KeyValuePair env(String name, String value) {
    return KeyValuePair.builder().name(name).value(value).build();
  }

  /** {@code cellflow-FLOW-RUN-what}, in the characters a job name may have. */
  private String jobName(TaskSpec spec, String what) {
    String n = ("cellflow-" + ds.flow() + "-" + spec.run() + "-" + what)
        .replaceAll("[^A-Za-z0-9_-]", "_");
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
    return queues.computeIfAbsent("", k -> {
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
    return queues.computeIfAbsent("checked:" + name, k -> {
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
}
