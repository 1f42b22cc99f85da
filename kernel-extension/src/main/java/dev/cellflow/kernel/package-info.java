/**
 * The Jupyter module: the JJava extension with the {@code %flow}, {@code %resources} and {@code
 * %batch} magics, and cellflow's own kernel launcher, will live here. Nothing is implemented yet.
 */
package dev.cellflow.kernel;
