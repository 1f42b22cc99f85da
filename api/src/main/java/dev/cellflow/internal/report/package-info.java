/**
 * The run report: one self-contained HTML file (no server, no network, no external scripts or
 * fonts) with a run's graph and step statuses, a timeline of its tasks, its parameters, each
 * step's artifacts and the tail of each task's output, read through the Client API. Large runs
 * stay small: each step is summed up, and only its first tasks (and its failed ones) are listed.
 */
package dev.cellflow.internal.report;
