/**
 * The {@code batch} compute backend: each task one AWS Batch job, followed to its end, its
 * output streamed into the run's log. Found by {@code ServiceLoader} as a {@link
 * dev.cellflow.compute.ComputeBackendProvider}.
 */
package dev.cellflow.batch.compute;
