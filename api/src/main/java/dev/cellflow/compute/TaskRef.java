package dev.cellflow.compute;

/**
 * A task of the run at hand, by step and id: how a task names its parents. It is written {@code
 * STEP/ID} ({@code square/3}) in task arguments and in task records.
 *
 * @param step the task's step
 * @param task the task's id
 */
public record TaskRef(String step, int task) {

  /** The task {@code ref} names as {@link #toString} writes it ({@code square/3}). */
  public static TaskRef parse(String ref) {
    int slash = ref.lastIndexOf('/');
    try {
      if (slash > 0) {
        return new TaskRef(ref.substring(0, slash), Integer.parseInt(ref.substring(slash + 1)));
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("a parent task is written STEP/ID (square/3), not '"
        + ref + "'");
  }

  /** {@code STEP/ID}, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return step + "/" + task;
  }
}
