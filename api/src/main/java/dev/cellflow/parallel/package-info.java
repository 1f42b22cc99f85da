/**
 * API: parallelMap, threads of one task sharing its data.
 */
package dev.cellflow.parallel;
