/**
 * API: the flow model users write against: FlowSpec, the annotations (data only; behaviour lives
 * in the runtime and backends), Inputs, Current.
 */
package dev.cellflow;
