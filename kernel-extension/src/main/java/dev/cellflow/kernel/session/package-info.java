/**
 * The kernel's side of notebook cells, without Jupyter: the live JShell session ({@link
 * dev.cellflow.kernel.session.JShellSession}), a notebook run that records each executed cell as
 * a step whose outputs are artifacts ({@link dev.cellflow.kernel.session.NotebookRun}), so a
 * notebook run is a run like any other for the Client API, {@code logs} and resume; and a
 * {@code %batch} cell shipped to a compute backend ({@link
 * dev.cellflow.kernel.session.RemoteCell}), compiled by {@code dev.cellflow.internal.cells} and run there
 * by api's {@code dev.cellflow.internal.notebook.CellTask}.
 */
package dev.cellflow.kernel.session;
