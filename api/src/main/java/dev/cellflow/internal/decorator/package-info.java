/**
 * Where and with what each step runs (StepPlan), from its annotations and the --with options.
 */
package dev.cellflow.internal.decorator;
