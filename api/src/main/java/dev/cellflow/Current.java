package dev.cellflow;

import dev.cellflow.card.Cards;

/**
 * What the running task is: its flow, run, step, task, attempt and datastore. Set by cellflow
 * before a step runs; outside a task, {@link #get()} says so.
 *
 * @param flow the flow's name
 * @param run the run id
 * @param step the step
 * @param task the task id
 * @param attempt the attempt, from 0
 * @param datastore the datastore kind ({@code local}, {@code s3})
 * @param datastoreRoot the datastore root
 */
public record Current(String flow, int run, String step, int task, int attempt,
    String datastore, String datastoreRoot) {
  /** The running task; an error when no task is running in this process. */
  public static Current get() {
    FlowEngine.RunningStep s = Engines.get().running();
    if (s == null) {
      throw new CellflowException("Current.get() is only valid while cellflow runs a step");
    }
    return s.current();
  }

  /**
   * The running task's cards: text, Markdown, tables and images to look at later, stored with
   * the task's result when the step ends well and shown by the Client API ({@code
   * Task.cards()}) and the {@code report} command. For example {@code
   * Current.get().card().markdown("## Fit").table(table).image("image/png", png)}.
   */
  public Cards card() {
    FlowEngine.RunningStep s = Engines.get().running();
    if (s == null || s.current() != this) {
      throw new CellflowException("Current.card() is only valid while cellflow runs a step");
    }
    return s.cards();
  }

  /** Which node of a {@link Parallel} step this is; node 0 of 1 for any other step. */
  public ParallelNode parallel() {
    return ParallelNode.of(System.getenv());
  }

  /** The pathspec {@code FLOW/RUN/STEP/TASK}. */
  public String pathspec() {
    return flow + "/" + run + "/" + step + "/" + task;
  }
}
