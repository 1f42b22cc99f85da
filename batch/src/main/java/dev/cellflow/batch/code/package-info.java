/**
 * The code a Batch job runs: the run's classpath in S3, content-addressed, with a manifest of
 * presigned URLs the container fetches before starting the task entry point.
 */
package dev.cellflow.batch.code;
