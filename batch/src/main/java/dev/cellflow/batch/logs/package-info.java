/** A Batch job's output, read from CloudWatch Logs as it is printed. */
package dev.cellflow.batch.logs;
