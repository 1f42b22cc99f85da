package dev.cellflow.internal.metadata;

import java.util.List;
import java.util.Map;

/**
 * What a successful task leaves for the runtime and later steps, written by the task itself.
 *
 * @param next the steps its transition leads to
 * @param foreachField the artifact a foreach iterates over, else null
 * @param foreachCount the number of splits when its transition is a foreach, else 0
 * @param artifacts its artifacts by name
 */
public record TaskResult(List<String> next, String foreachField, int foreachCount,
    Map<String, ArtifactRef> artifacts) {}
