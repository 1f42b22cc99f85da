package dev.cellflow.internal.runtime;

import dev.cellflow.TaskStatus;
import dev.cellflow.compute.TaskLogs;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.compute.TaskRef;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.TaskMeta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task records of one run as its runner writes them: a task running in the job its backend
 * named, a task ended, and, when the run is interrupted, every task still running recorded
 * killed with its output kept. Keeps the tasks in flight (with their logs) for that last case.
 */
final class TaskRecords {
  private final FlowDatastore ds;
  private final int runId;
  // by identity: a task's spec is one object from launch to end, and a record's hashCode costs
  // a starting JVM tens of milliseconds the first time (its method handles are made then)
  private final Map<TaskSpec, TaskLogs> active =
      Collections.synchronizedMap(new IdentityHashMap<>());

  TaskRecords(FlowDatastore ds, int runId) {
    this.ds = ds;
    this.runId = runId;
  }

  /** {@code spec} was launched, writing to {@code logs}. */
  void launched(TaskSpec spec, TaskLogs logs) {
    active.put(spec, logs);
  }

  /** {@code spec} ended: its logs are closed and it is no longer in flight. */
  void ended(TaskSpec spec, TaskLogs logs) throws IOException {
    logs.close();
    active.remove(spec);
  }

  /** Records {@code spec} ended as {@code status}; {@code origin}: the task it reused, if any. */
  void save(TaskSpec spec, TaskOutcome o, TaskStatus status, String error, String origin)
      throws IOException {
    ds.saveTask(runId, new TaskMeta(spec.step(), spec.task(), spec.attempt(), status,
        o.startedAt(), System.currentTimeMillis(), o.pid(), o.exitCode(), names(spec.parents()),
        spec.splitStack(), error, origin, o.externalId()));
  }

  /**
   * Records a task as running in the job its backend named (before the job can end: the backend
   * names it before it follows the job), so that {@code logs} and the Client API find the job
   * even when the run is stopped or its runtime dies before the task ends.
   */
  void started(TaskSpec spec, String externalId, TaskLogs logs) {
    try {
      ds.saveTask(runId, new TaskMeta(spec.step(), spec.task(), spec.attempt(),
          TaskStatus.RUNNING,
          System.currentTimeMillis(), 0, 0, null, names(spec.parents()), spec.splitStack(), null,
          null, externalId));
    } catch (IOException e) {
      logs.note("could not record the task's job yet (" + e.getMessage() + ")");
    }
  }

  /**
   * Records the tasks still running as killed. The thread's interrupt is held back meanwhile:
   * the local store writes through interruptible channels, which would refuse the records.
   */
  void killAll() {
    boolean wasInterrupted = Thread.interrupted();
    try {
      List<Map.Entry<TaskSpec, TaskLogs>> all;
      synchronized (active) {
        all = new ArrayList<>(active.entrySet());
      }
      for (Map.Entry<TaskSpec, TaskLogs> e : all) {
        try {
          e.getValue().close();
        } catch (IOException notKept) {
          // its output was shown; the record below says the task was killed all the same
        }
        TaskSpec s = e.getKey();
        ds.saveTask(runId, new TaskMeta(s.step(), s.task(), s.attempt(), TaskStatus.KILLED, 0,
            System.currentTimeMillis(), 0, null, names(s.parents()), s.splitStack(),
            "the run was interrupted", null, e.getValue().externalId()));
      }
    } catch (IOException e) {
      // the run's own record still says it was killed; resume reruns these tasks
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Parents as task records name them, {@code STEP/ID}. */
  private static List<String> names(List<TaskRef> parents) {
    return parents.stream().map(TaskRef::toString).toList();
  }
}
