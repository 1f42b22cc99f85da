package dev.cellflow.compute;

/**
 * One open split around a task: the task that split, which path this is, and how many there are.
 *
 * @param step the splitting step
 * @param task the splitting task's id
 * @param index this path's position (branch order or foreach index)
 * @param count the number of paths
 * @param foreach whether the split is a foreach (else a branch)
 */
public record SplitFrame(String step, int task, int index, int count, boolean foreach) {}
