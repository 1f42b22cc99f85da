/**
 * javac in memory, shared by the two places cellflow compiles code: a notebook exported as a
 * flow class, and a remote cell compiled in the kernel. Sources and class files stay in memory;
 * javac's file manager is kept between compiles of one class path.
 */
package dev.cellflow.compile;
