package dev.cellflow;

import java.util.Map;

/**
 * Which node of a {@link Parallel} step this process is, from the variables AWS Batch gives each
 * node of a multi-node parallel job ({@code AWS_BATCH_JOB_NODE_INDEX}, {@code
 * AWS_BATCH_JOB_NUM_NODES}, {@code AWS_BATCH_JOB_MAIN_NODE_INDEX}, {@code
 * AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS}). A step that is not multi-node is node 0 of 1.
 *
 * @param index this node's index, from 0
 * @param count how many nodes run the step
 * @param mainIndex the main node's index
 * @param mainAddress the main node's private IPv4 address; null on the main node itself (AWS
 *     Batch gives the others only) and on a step that is not multi-node
 */
public record ParallelNode(int index, int count, int mainIndex, String mainAddress) {
  /** This process's node, from {@code env}. */
  public static ParallelNode of(Map<String, String> env) {
    String index = env.get("AWS_BATCH_JOB_NODE_INDEX");
    if (index == null) {
      return new ParallelNode(0, 1, 0, null);
    }
    return new ParallelNode(Integer.parseInt(index),
        Integer.parseInt(env.getOrDefault("AWS_BATCH_JOB_NUM_NODES", "1")),
        Integer.parseInt(env.getOrDefault("AWS_BATCH_JOB_MAIN_NODE_INDEX", "0")),
        env.get("AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS"));
  }

  /** Whether this is the main node, whose artifacts are the step's. */
  public boolean main() {
    return index == mainIndex;
  }
}
