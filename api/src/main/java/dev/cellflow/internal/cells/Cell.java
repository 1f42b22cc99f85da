package dev.cellflow.internal.cells;

/**
 * One code cell of a notebook, or one part of a JShell script.
 *
 * @param number where it is, counted from 1 among the code cells (a script's parts are counted
 *     the same way), for messages that name it
 * @param source its text, magic lines included
 * @param failed whether it failed where it ran (a kernel's cell): its code is left out, but it
 *     takes a step's name as the kernel gave it one
 */
public record Cell(int number, String source, boolean failed) {
  /** A cell of a notebook file or script. */
  public Cell(int number, String source) {
    this(number, source, false);
  }
}
