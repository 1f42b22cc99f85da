/**
 * API: helpers for data in steps: dense matrices as double[][] of any size.
 */
package dev.cellflow.data;
