/**
 * Records of runs and tasks (RunMeta, TaskMeta, TaskResult, ArtifactRef, Heartbeat),
 * stored as JSON through Jackson.
 */
package dev.cellflow.internal.metadata;
