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
 * so. Sizes combine with {@link Resources}: the larger value of each key wins.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Batch {
  /** Cores (vCPUs). */
  int cpu() default 1;

  /** Memory in megabytes. */
  int memory() default 4000;

  /** GPUs. */
  int gpu() default 0;

  /** The job queue; from configuration when empty. */
  String queue() default "";

  /** The container image; a JRE image of the running Java version when empty. */
  String image() default "";

  /** The IAM role the job assumes; from configuration when empty. */
  String iamRole() default "";

  /** Shared memory ({@code /dev/shm}) in megabytes; 0 for the image's default. */
  int sharedMemory() default 0;
}
