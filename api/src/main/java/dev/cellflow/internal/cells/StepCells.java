package dev.cellflow.internal.cells;

import java.util.List;

/**
 * Which cells after {@code %flow NAME} are steps, as the kernel that ran the notebook decides:
 * the same rule for the kernel's run and for export, so both name the same steps.
 */
public enum StepCells {
  /**
   * cellflow's kernel: every cell with code (or {@code %batch}) is a step, {@code cell_1}, {@code
   * cell_2}, ...
   */
  EVERY,
  /**
   * JJava and IJava, which hand cellflow only its magics: a cell whose first line is {@code
   * %%step} or {@code %%batch} is a step; the other cells run in the kernel, unrecorded. In a
   * flow class their code runs at the start of the next step (or in {@code end} after the last
   * one), where the kernel ran it: before that step.
   */
  MARKED;

  /**
   * The rule a notebook file was written for: {@link #MARKED} when a cell starts with {@code
   * %%step} (a magic only JJava and IJava have) or when the notebook says it was saved by a
   * kernel other than cellflow's ({@code kernelName} not null and not {@code cellflow...}),
   * else {@link #EVERY}.
   */
  public static StepCells of(List<Cell> cells, String kernelName) {
    boolean stepMagic = cells.stream().anyMatch(c -> c.source().stripLeading()
        .startsWith("%%step"));
    boolean otherKernel = kernelName != null && !kernelName.isBlank()
        && !kernelName.startsWith("cellflow");
    return stepMagic || otherKernel ? MARKED : EVERY;
  }
}
