package dev.cellflow.compute;

import java.util.List;

/**
 * What a backend knows of the run it serves.
 *
 * @param datastore the run's datastore
 * @param classpath the classpath task processes use
 * @param maxWorkers the most tasks at once
 * @param withs the {@code --with} options as given, for backends that take arguments
 */
public record RunContext(RunStore datastore, String classpath, int maxWorkers,
    List<String> withs) {}
