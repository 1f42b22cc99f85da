/**
 * The command line of a flow: run, resume, check, show, logs, runs (picocli).
 */
package dev.cellflow.cli;
