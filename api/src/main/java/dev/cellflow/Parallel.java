package dev.cellflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a step on several machines at once, as Metaflow's {@code @parallel} does: on AWS Batch the
 * step is one multi-node parallel job of {@link #nodes} nodes, each running the step's code with
 * the same inputs. {@link Current#parallel()} tells the code which node it is and where the main
 * node is, so that the nodes can find each other (a distributed training's rendezvous, say). Data
 * only: the step also needs {@link Batch} or {@code run --with batch}; without either the flow
 * stops before it starts, saying so.
 *
 * <p>The main node (index 0) is the step's task: its artifacts and its transition are stored, and
 * the job ends when it ends (AWS Batch then stops the other nodes). The other nodes' artifacts are
 * not stored and their transition is not checked (they may return without {@code next}); what
 * they compute reaches the main node through the network, or through S3. A
 * multi-node step does not run on Fargate, and is not gathered into an array job.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Parallel {
  /** How many nodes run the step, the main node included; at least 2. */
  int nodes();
}
