package dev.cellflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a step on AWS Batch while the others stay where they are. Data only: the behaviour is
 * in the compute backend named {@code batch}, which the cellflow batch module provides; a flow
 * that uses this annotation without that module on its classpath fails before it starts, saying
 * so.
 *
 * <p>Sizes combine with {@link Resources} as in Metaflow: the job gets the sizes written here,
 * unless a {@code @Resources} or {@code --with resources} written for the step asks for more (the
 * larger written value of each key wins); a size written nowhere is the default (cpu 1, memory
 * 4000). So {@code @Batch(memory = 1024)} alone is a 1024 MB job. {@code run --with
 * batch:key=value,...} sets the same arguments for every step that has no {@code @Batch} of its
 * own (the code wins over the command line); its keys are this annotation's element names. A
 * {@link Timeout} becomes the job's attempt duration (5 days without one). Every empty or zero
 * element means "the configured default" ({@code CELLFLOW_BATCH_QUEUE}, {@code
 * CELLFLOW_BATCH_IMAGE}, ...) or else AWS Batch's own.
 *
 * <p>The elements are one vocabulary with {@code --with batch:KEY=VALUE} and a notebook's or
 * script's {@code %batch KEY=VALUE} line, which take these names as written here. On a queue
 * whose compute environments are Fargate ones the job definition is a Fargate one ({@link
 * #fargatePlatformVersion}, {@link #assignPublicIp}, an {@link #executionRole} needed); what
 * AWS Batch refuses on the queue's platform (a GPU or {@link #privileged} on Fargate, a
 * vCPU/memory pair Fargate lacks, ...) is refused before anything is submitted, naming the
 * element. See {@link Parallel} for multi-node steps.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Batch {
  /** Cores (vCPUs); 0, the default, leaves it to {@link Resources} or else 1. */
  int cpu() default 0;

  /** Memory in megabytes; 0, the default, leaves it to {@link Resources} or else 4000. */
  int memory() default 0;

  /** GPUs. */
  int gpu() default 0;

  /** The job queue; from configuration when empty, else the first enabled, valid queue. */
  String queue() default "";

  /** The container image; a JRE image of the Java version running the flow when empty. */
  String image() default "";

  /** The IAM role the job's container assumes (reads and writes S3); from configuration when empty. */
  String iamRole() default "";

  /** The IAM role ECS uses to start the container (pull the image, write logs). */
  String executionRole() default "";

  /** Shared memory ({@code /dev/shm}) in megabytes; 0 for the image's default. */
  int sharedMemory() default 0;

  /** Swap in megabytes the container may use; 0 for none. */
  int maxSwap() default 0;

  /** How eagerly the container swaps, 0 to 100; used with {@link #maxSwap}. */
  int swappiness() default 60;

  /** Ephemeral storage in GiB (Fargate); 0 for the default. */
  int ephemeralStorage() default 0;

  /** Extra tags for the job, each {@code key=value}. */
  String[] tags() default {};

  /**
   * AWS Inferentia chips: devices {@code /dev/neuron0} to {@code /dev/neuronN-1} of the host are
   * passed into the container (EC2 queues only).
   */
  int inferentia() default 0;

  /** AWS Trainium chips: the same Neuron devices as {@link #inferentia}; give one of the two. */
  int trainium() default 0;

  /**
   * Elastic Fabric Adapter devices: {@code /dev/infiniband/uverbs0} (and up to {@code N-1} on a
   * multi-node step) passed into the container (EC2 queues only).
   */
  int efa() default 0;

  /**
   * Host folders mounted into the container, each {@code HOST_PATH} (mounted at the same path)
   * or {@code HOST_PATH:CONTAINER_PATH}; absolute paths (EC2 queues only).
   */
  String[] hostVolumes() default {};

  /**
   * EFS file systems mounted into the container, each {@code fs-ID} (mounted at {@code
   * /mnt/fs-ID}) or {@code fs-ID:CONTAINER_PATH}, with encryption in transit.
   */
  String[] efsVolumes() default {};

  /** Whether the container gets a tmpfs (memory-backed) mount at {@link #tmpfsPath} (EC2 only). */
  boolean useTmpfs() default false;

  /** Whether {@code TMPDIR} (and Java's {@code java.io.tmpdir}) point to the tmpfs mount. */
  boolean tmpfsTempdir() default true;

  /** The tmpfs mount's size in MiB; 0 for half the step's memory. Setting it turns tmpfs on. */
  int tmpfsSize() default 0;

  /** Where the tmpfs is mounted in the container. */
  String tmpfsPath() default "/cellflow_temp";

  /**
   * The container's log driver ({@code awslogs}, {@code fluentd}, {@code gelf}, {@code
   * json-file}, {@code journald}, {@code logentries}, {@code splunk}, {@code syslog}, {@code
   * awsfirelens}); AWS Batch's default ({@code awslogs}) when empty. cellflow streams and keeps a
   * task's output from CloudWatch Logs group {@code /aws/batch/job} only.
   */
  String logDriver() default "";

  /** The log driver's options, each {@code key=value} (or {@code key:value}, as Metaflow writes). */
  String[] logOptions() default {};

  /** Whether the container runs privileged (root on the host; EC2 queues only). */
  boolean privileged() default false;

  /** The Fargate platform version on a Fargate queue; {@code LATEST} when empty. */
  String fargatePlatformVersion() default "";

  /**
   * Whether a Fargate job gets a public IP address (needed to pull the image and reach S3 from a
   * public subnet without a NAT gateway); only for Fargate queues.
   */
  boolean assignPublicIp() default true;
}
