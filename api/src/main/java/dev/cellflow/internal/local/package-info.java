/**
 * The local backend: each task in a JVM process of its own, warm processes reused, a class-data-sharing archive for their start.
 */
package dev.cellflow.internal.local;
