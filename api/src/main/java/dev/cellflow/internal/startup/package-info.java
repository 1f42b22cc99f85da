/**
 * Internal: the start-up speed machinery. The runtime's relaunch in a fast-starting JVM
 * ({@link dev.cellflow.internal.startup.DriverJvm}), class-data archives of task processes
 * ({@link dev.cellflow.internal.startup.CdsArchive}), the per-machine cache they and the scan and
 * service caches live in ({@link dev.cellflow.internal.startup.JvmCache}), the service cache
 * ({@link dev.cellflow.internal.startup.Services}) and huge pages for task heaps
 * ({@link dev.cellflow.internal.startup.HugePages}). docs/startup.md says what each buys and costs.
 */
package dev.cellflow.internal.startup;
