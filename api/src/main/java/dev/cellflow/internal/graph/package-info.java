/**
 * A flow's graph, read from its class (steps by reflection, transitions and touched fields from bytecode) and validated.
 */
package dev.cellflow.internal.graph;
