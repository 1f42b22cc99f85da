/**
 * Records of runs and tasks (RunMeta, TaskMeta, TaskResult, ArtifactRef, SplitFrame), stored as JSON through Jackson.
 */
package dev.cellflow.metadata;
