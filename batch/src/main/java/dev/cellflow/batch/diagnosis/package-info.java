/**
 * Why a Batch job waits in RUNNABLE: its request compared with its queue's compute
 * environments, in words.
 */
package dev.cellflow.batch.diagnosis;
