package dev.cellflow.compute;

import dev.cellflow.CellflowException;
import dev.cellflow.Resources;

/**
 * What a step asks for: cores, memory in MB, GPUs. While a plan is made, 0 cores or 0 MB means
 * "not written" ({@link #written}); {@link #orDefaults} completes it.
 *
 * @param cpu cores, at least 1
 * @param memory megabytes, at least 1
 * @param gpu GPUs, 0 or more
 */
public record StepResources(int cpu, int memory, int gpu) {
  /** cpu 1, memory 4000, gpu 0: what a step gets when it asks for nothing. */
  public static final StepResources DEFAULT = new StepResources(1, 4000, 0);

  /** Nothing written yet: where a plan starts before it reads the annotations. */
  public static final StepResources NONE = new StepResources(0, 0, 0);

  /** The sizes {@code r} writes (0 where it leaves one out), checked; {@code step} names it. */
  public static StepResources of(Resources r, String step) {
    return written(r.cpu(), r.memory(), r.gpu(), "@Resources", step);
  }

  /**
   * The sizes an annotation ({@code source}, {@code @Resources} or {@code @Batch}) writes: 0 cores
   * or 0 MB, the elements' default, is "not written"; a negative value is an error naming
   * {@code step}.
   */
  public static StepResources written(int cpu, int memory, int gpu, String source, String step) {
    if (cpu < 0 || memory < 0) {
      throw new CellflowException("step '" + step + "': " + source + "("
          + (cpu < 0 ? "cpu = " + cpu : "memory = " + memory) + ") must be at least 1, or 0"
          + " (the default) for not given");
    }
    new StepResources(Math.max(cpu, 1), Math.max(memory, 1), gpu).checked(source, step);
    return new StepResources(cpu, memory, gpu);
  }

  /** This, with each size not written (0 cores, 0 MB) at its {@link #DEFAULT}. */
  public StepResources orDefaults() {
    return new StepResources(cpu > 0 ? cpu : DEFAULT.cpu, memory > 0 ? memory : DEFAULT.memory,
        gpu);
  }

  /** As the run views say it: {@code cpu 2, memory 2000 MB}, and {@code , gpu N} when asked. */
  public String describe() {
    return "cpu " + cpu + ", memory " + memory + " MB" + (gpu > 0 ? ", gpu " + gpu : "");
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
