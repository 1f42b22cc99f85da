/**
 * Notebook cells as steps, without Jupyter: a notebook run ({@link
 * dev.cellflow.notebook.NotebookRun}) records each executed cell as a step whose outputs are
 * artifacts, so a notebook run is a run like any other for the Client API, {@code logs} and
 * resume. A remote cell travels as a {@link dev.cellflow.notebook.CellPackage} (its source, the
 * declarations it depends on, the values it reads, the session's jars) through the datastore;
 * {@link dev.cellflow.notebook.CellTask} compiles it to real classes in a task process of any
 * compute backend and stores what it made. {@link dev.cellflow.notebook.JShellSession} reads a
 * live JShell session (variables, declarations, values) for both.
 */
package dev.cellflow.notebook;
