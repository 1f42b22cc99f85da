/**
 * The AWS emulator the Batch tests run against: moto's server with jobs that run as local
 * processes ({@code src/test/python/moto_batch.py}). Shipped in the test jar for other modules'
 * tests.
 */
package dev.cellflow.batch.emulator;
