/**
 * How cellflow reads a notebook cell, one way for the kernel and for export: its magic lines
 * ({@link dev.cellflow.cells.CellText}), their arguments ({@link dev.cellflow.cells.MagicArgs}),
 * what {@code %batch} and {@code %resources} ask for ({@link dev.cellflow.cells.CellOptions}, the
 * {@code @Batch} and {@code @Resources} vocabulary) and the jars {@code %jars} names ({@link
 * dev.cellflow.cells.Jars}). Internal: not API.
 */
package dev.cellflow.cells;
