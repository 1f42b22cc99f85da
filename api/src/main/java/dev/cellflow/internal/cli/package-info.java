/**
 * The command line of a flow: run, resume, check, show, logs, runs, report (picocli).
 */
package dev.cellflow.internal.cli;
