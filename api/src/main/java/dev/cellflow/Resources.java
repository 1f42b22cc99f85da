package dev.cellflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resources a step needs. Data only: the behaviour lives in the compute backends.
 *
 * <p>Locally, the task's JVM heap is sized from {@link #memory()} and the task fails before any
 * user code runs, naming the step, when this machine cannot give that much memory ({@code --with
 * batch} then runs it where it fits). {@link #cpu()} sizes {@code parallelMap}'s parallelism. On
 * AWS Batch these are the job's size; with {@code @Batch} too, the larger value of each key
 * written in either wins, and a key written in neither has its default. {@code run --with
 * resources:memory=N,cpu=N} raises them for every step in the same way.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Resources {
  /** Cores. 0, the default, means not given: 1, or what {@code @Batch} asks for. */
  int cpu() default 0;

  /** Memory in megabytes. 0, the default, means not given: 4000, or what {@code @Batch} asks for. */
  int memory() default 0;

  /** GPUs; 0 or more. Default 0. Only a backend that has GPUs (AWS Batch) can honour it. */
  int gpu() default 0;
}
