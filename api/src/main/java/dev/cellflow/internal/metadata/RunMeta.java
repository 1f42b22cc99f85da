package dev.cellflow.internal.metadata;

import dev.cellflow.RunStatus;
import java.util.List;
import java.util.Map;

/**
 * A run: who started it, with which parameters, and how it ended.
 *
 * @param flow the flow's name
 * @param flowClass the flow's class name, which task processes load
 * @param runId the run's id, increasing per flow
 * @param user who started it
 * @param status running, succeeded, failed or killed (readers show a running run whose runtime
 *     is gone as {@link RunStatus#DEAD}: see {@link dev.cellflow.internal.liveness.Liveness})
 * @param startedAt epoch milliseconds
 * @param finishedAt epoch milliseconds, 0 while running
 * @param parameters every {@code @Parameter}'s value as text
 * @param tags the {@code --tag} values
 * @param resumedFrom the run this one resumed, or null
 */
public record RunMeta(String flow, String flowClass, int runId, String user, RunStatus status,
    long startedAt, long finishedAt, Map<String, String> parameters, List<String> tags,
    Integer resumedFrom) {

  /** The same run with another status and finish time. */
  public RunMeta finished(RunStatus newStatus, long at) {
    return new RunMeta(flow, flowClass, runId, user, newStatus, startedAt, at, parameters, tags,
        resumedFrom);
  }

  /** The same run under another id. */
  public RunMeta withId(int id) {
    return new RunMeta(flow, flowClass, id, user, status, startedAt, finishedAt, parameters, tags,
        resumedFrom);
  }
}
