/** The entry point inside a Batch job's container. */
package dev.cellflow.batch.container;
