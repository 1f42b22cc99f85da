/**
 * cellflow's own Java kernel for Jupyter ({@link dev.cellflow.kernel.CellflowKernel}, started
 * by {@link dev.cellflow.kernel.Main}, installed by {@code java -jar cellflow-kernel.jar
 * install}): JShell running cells in the kernel's JVM, built on JJava's protocol library, with
 * the magics of {@link dev.cellflow.kernel.magic} built in.
 */
package dev.cellflow.kernel;
