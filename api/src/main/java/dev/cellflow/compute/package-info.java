/**
 * API (service provider interface): the compute-backend extension point. A backend, found by
 * {@link java.util.ServiceLoader} through {@link dev.cellflow.compute.ComputeBackendProvider},
 * receives a {@link dev.cellflow.compute.TaskLaunch} (the task as a {@link
 * dev.cellflow.compute.TaskSpec}, its {@link dev.cellflow.compute.StepResources}) and reports how
 * it ended as a {@link dev.cellflow.compute.TaskOutcome}; {@link dev.cellflow.compute.TaskLogs}
 * keeps its output. Everything a backend is handed is declared here, so a backend needs nothing
 * from {@code dev.cellflow.internal}.
 */
package dev.cellflow.compute;
