package dev.cellflow.internal.runtime;

import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.compute.TaskSpec;

/**
 * What happens to a run, as {@link FlowRunner} reports it to a {@link RunListener}: one event
 * per change, in the order the runner decided it. A task's attempt is queued once (a retry is
 * scheduled, not queued again), started when it is handed to its backend (or taken from a
 * resumed run's origin), and ended once; what the runner then does about a failed attempt
 * follows as its own event ({@link RetryScheduled}, {@link CatchApplied}), and a step is {@link
 * StepFinished} when it has no task left and none can come.
 */
public sealed interface RunEvent {
  /** How one attempt of a task ended. */
  enum Ended {
    /** It ran and succeeded. */
    SUCCEEDED,
    /** A resumed run took it from its origin run, where it had succeeded. */
    REUSED,
    /** It failed (a retry, {@code @Catch} or the run's failure follows). */
    FAILED,
    /** It was ended because the run failed or was interrupted. */
    KILLED
  }

  /** The run is recorded and its first task comes next; {@code origin} is null unless resumed. */
  record RunStarted(String flow, int runId, Integer origin, String datastoreRoot)
      implements RunEvent {}

  /** A task can run once a worker is free (its inputs are ready). */
  record TaskQueued(TaskSpec spec) implements RunEvent {}

  /** An attempt was handed to its compute backend, or is being taken from the origin run. */
  record TaskStarted(TaskSpec spec) implements RunEvent {}

  /** An attempt ended; {@code error} says why when it did not succeed, else null. */
  record TaskEnded(TaskSpec spec, Ended status, String error) implements RunEvent {}

  /**
   * A failed attempt is retried as its step's {@code @Retry} says: {@code next} (its next
   * attempt) runs after {@code delaySeconds}, out of {@code attempts} in all.
   */
  record RetryScheduled(TaskSpec next, String error, long delaySeconds, int attempts)
      implements RunEvent {}

  /** A failed task's step has {@code @Catch}: the flow goes on with the failure recorded. */
  record CatchApplied(TaskSpec spec, String error) implements RunEvent {}

  /** A foreach task made {@code splits} tasks of step {@code to}. */
  record ForeachFanned(TaskSpec spec, String to, int splits) implements RunEvent {}

  /** Every task of {@code step} has ended and no more can come. */
  record StepFinished(String step) implements RunEvent {}

  /** The run ended as {@code run} records it; {@code failure} says why, null if it succeeded. */
  record RunEnded(RunMeta run, String failure) implements RunEvent {}
}
