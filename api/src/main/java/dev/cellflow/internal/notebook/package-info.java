/**
 * What a task process needs to run a notebook cell shipped by the kernel: a remote cell travels
 * as a {@link dev.cellflow.internal.notebook.CellPackage} (its compiled classes, the values it reads, the
 * session's jars) through the datastore; {@link dev.cellflow.internal.notebook.CellTask} defines its
 * classes ({@link dev.cellflow.internal.notebook.CellClasses}) in a task process of any compute backend,
 * runs it and stores what it made ({@link dev.cellflow.internal.notebook.CellOutcome}). The kernel's side
 * (the session, notebook runs, shipping a cell) is in the kernel-extension module; compiling a
 * cell is in {@code dev.cellflow.internal.cells}.
 */
package dev.cellflow.internal.notebook;
