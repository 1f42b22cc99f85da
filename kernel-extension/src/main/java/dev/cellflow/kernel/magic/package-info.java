/**
 * The magics {@code %flow}, {@code %resources} and {@code %batch}, written against JJava's
 * {@code LineMagic}/{@code CellMagic} and a small {@link dev.cellflow.kernel.magic.Host} (the
 * kernel's JShell session), so that one implementation serves cellflow's kernel, JJava and IJava.
 * A {@link dev.cellflow.kernel.magic.Notebook} holds a notebook's run and runs its cells.
 */
package dev.cellflow.kernel.magic;
