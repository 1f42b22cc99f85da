/**
 * The {@code cellflow} command line for notebooks and JShell scripts: export one to a runnable
 * flow jar, or run any flow command on it directly.
 */
package dev.cellflow.internal.launcher;
