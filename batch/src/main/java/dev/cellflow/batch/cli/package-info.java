/**
 * {@code batch list|kill}: a flow's AWS Batch jobs from its command line, added to every flow's
 * CLI through {@link dev.cellflow.internal.cli.CommandProvider}.
 */
package dev.cellflow.batch.cli;
