/**
 * The S3 datastore: {@code --datastore s3 --datastore-root s3://bucket/prefix}. Artifacts, run
 * metadata and logs live in S3, so a laptop, a Batch job and the Client API see the same runs.
 * Found by {@code ServiceLoader} as the {@code s3} {@link dev.cellflow.datastore.StorageProvider}.
 */
package dev.cellflow.batch.s3;
