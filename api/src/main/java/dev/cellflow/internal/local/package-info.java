/**
 * The local backend: each task in a JVM process of its own, warm processes reused, a class-data-sharing archive for their start.
 * {@link dev.cellflow.internal.local.LocalBackend} is the glue; {@link
 * dev.cellflow.internal.local.WorkerPool} decides which process runs which task (unit-tested with
 * fake processes and a fake clock), {@link dev.cellflow.internal.local.TaskCommand} is a task
 * process's command line and {@link dev.cellflow.internal.local.Worker} one process.
 */
package dev.cellflow.internal.local;
