/**
 * The magics in other Java kernels: a JJava {@link org.dflib.jjava.jupyter.Extension} found by
 * {@link java.util.ServiceLoader} when the jar is added, and a one-line installer for IJava
 * 1.3.0, which has no extension loader. Both reach the kernel's JShell by reflection, so one jar
 * serves JJava 1.0-a6 (whose kernels evaluate with {@code evalRaw}) and newer ones ({@code
 * evalBuilder}).
 */
package dev.cellflow.kernel.ext;
