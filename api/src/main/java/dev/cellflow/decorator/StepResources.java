package dev.cellflow.decorator;

import dev.cellflow.CellflowException;
import dev.cellflow.Resources;

/**
 * What a step asks for: cores, memory in MB, GPUs.
 *
 * @param cpu cores, at least 1
 * @param memory megabytes, at least 1
 * @param gpu GPUs, 0 or more
 */
public record StepResources(int cpu, int memory, int gpu) {
  /** cpu 1, memory 4000, gpu 0: what a step gets when it asks for nothing. */
  public static final StepResources DEFAULT = new StepResources(1, 4000, 0);

  /** The resources of an annotation, checked; {@code step} names it in errors. */
  public static StepResources of(Resources r, String step) {
    return new StepResources(r.cpu(), r.memory(), r.gpu()).checked("@Resources", step);
  }

  /** The larger value of each key. */
  public StepResources max(StepResources o) {
    return new StepResources(Math.max(cpu, o.cpu), Math.max(memory, o.memory),
        Math.max(gpu, o.gpu));
  }

  /** This, or an error naming {@code source} and {@code step} when a value is out of range. */
  public StepResources checked(String source, String step) {
    String where = "step '" + step + "': " + source;
    if (cpu < 1) {
      throw new CellflowException(where + "(cpu = " + cpu + ") asks for no cores; cpu is at least 1");
    }
    if (memory < 1) {
      throw new CellflowException(where + "(memory = " + memory + ") must be at least 1 (MB)");
    }
    if (gpu < 0) {
      throw new CellflowException(where + "(gpu = " + gpu + ") must be 0 or more");
    }
    return this;
  }
}
