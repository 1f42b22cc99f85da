/**
 * The runtime: schedules a run's tasks on the backends in graph order, retries, catches, resumes, and stops cleanly when interrupted.
 */
package dev.cellflow.runtime;
