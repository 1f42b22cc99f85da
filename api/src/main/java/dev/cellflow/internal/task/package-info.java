/**
 * The task entry point every backend starts (step FLOWCLASS STEP RUN TASK ...), and the warm worker that runs many,
 * each with the flow's own classes as new as a new process would give it (FlowLoader, StaticState).
 */
package dev.cellflow.internal.task;
