/**
 * Internal: the start-up speed machinery and its switches ({@link
 * dev.cellflow.internal.startup.FastStart}: one master switch, one per piece). The runtime's
 * relaunch in a fast-starting JVM ({@link dev.cellflow.internal.startup.DriverJvm}), class-data
 * archives of task processes ({@link dev.cellflow.internal.startup.CdsArchive}), the per-machine
 * cache they and the scan cache live in ({@link dev.cellflow.internal.startup.JvmCache}) and
 * huge pages for task heaps ({@link dev.cellflow.internal.startup.HugePages}). Depends on
 * nothing of cellflow but its config (and {@code CellflowException}).
 * docs/startup.md says what each piece buys and costs, and where the three that belong to other
 * packages live.
 */
package dev.cellflow.internal.startup;
