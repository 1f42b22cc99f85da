/**
 * The AWS module: the Batch compute backend, the S3 datastore and CloudWatch logs will live here
 * and plug into the api module through {@code ComputeBackendProvider} and {@code
 * StorageProvider}. Nothing is implemented yet; until it is, {@code @Batch}, {@code --with batch}
 * and {@code --datastore s3} fail before a run starts, saying that this module is needed.
 */
package dev.cellflow.batch;
