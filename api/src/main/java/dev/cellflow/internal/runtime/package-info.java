/**
 * The runtime: schedules a run's tasks on the backends in graph order, retries, catches, resumes, and stops cleanly when interrupted; it reports each decision to a RunListener (RunEvent).
 */
package dev.cellflow.internal.runtime;
