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
}
