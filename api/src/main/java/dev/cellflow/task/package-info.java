/**
 * The task entry point every backend starts (step FLOWCLASS STEP RUN TASK ...), and the warm worker that runs many.
 */
package dev.cellflow.task;
