package dev.cellflow;

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
  private static volatile Current current;
  private static volatile dev.cellflow.card.Cards cards;

  /** The running task; an error when no task is running in this process. */
  public static Current get() {
    Current c = current;
    if (c == null) {
      throw new CellflowException("Current.get() is only valid while cellflow runs a step");
    }
    return c;
  }

  /** Sets (or, with null, clears) the running task, with no cards yet. For the task runner. */
  public static void set(Current c) {
    cards = c == null ? null : new dev.cellflow.card.Cards(c.step(), c.pathspec());
    current = c;
  }

  /**
   * The running task's cards: text, Markdown, tables and images to look at later, stored with
   * the task's result when the step ends well and shown by the Client API ({@code
   * Task.cards()}) and the {@code report} command. For example {@code
   * Current.get().card().markdown("## Fit").table(table).image("image/png", png)}.
   */
  public dev.cellflow.card.Cards card() {
    dev.cellflow.card.Cards c = cards;
    if (c == null || current != this) {
      throw new CellflowException("Current.card() is only valid while cellflow runs a step");
    }
    return c;
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
