/**
 * Notebook cells made into classes, the one way for the kernel and for export (internal: not
 * API). How a cell is read: its magic lines ({@link dev.cellflow.internal.cells.CellText}), their
 * arguments ({@link dev.cellflow.internal.cells.MagicArgs}), what {@code %batch} and {@code %resources}
 * ask for ({@link dev.cellflow.internal.cells.CellOptions}, the {@code @Batch} and {@code @Resources}
 * vocabulary) and the jars {@code %jars} names ({@link dev.cellflow.internal.cells.Jars}). How it is
 * compiled, in memory with javac ({@link dev.cellflow.internal.cells.MemorySource}, {@link
 * dev.cellflow.internal.cells.MemoryOutput}): a {@code %batch} cell into a class a task process runs
 * ({@link dev.cellflow.internal.cells.CellCompiler}), a flow notebook or script into a flow class and a
 * runnable jar ({@link dev.cellflow.internal.cells.NotebookExport}, used by {@code cellflow export} and
 * {@code %flow export}).
 */
package dev.cellflow.internal.cells;
