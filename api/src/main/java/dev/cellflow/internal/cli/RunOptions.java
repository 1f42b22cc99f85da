package dev.cellflow.internal.cli;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.progress.Console;
import dev.cellflow.internal.runtime.FlowRunner;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code resume} share. */
final class RunOptions {
  @Option(names = "--max-workers", paramLabel = "N", defaultValue = "16",
      description = "the most tasks running at once (default ${DEFAULT-VALUE})")
  int maxWorkers;

  @Option(names = "--max-num-splits", paramLabel = "N", defaultValue = "100",
      description = "the most splits one foreach may make (default ${DEFAULT-VALUE})")
  int maxNumSplits;

  @Option(names = "--tag", paramLabel = "TAG", description = "tag the run (repeatable)")
  List<String> tags = new ArrayList<>();

  @Option(names = {"-q", "--quiet"},
      description = "print only failures and the result line (no task output, no progress)")
  boolean quiet;

  @Option(names = "--with", paramLabel = "DECO[:k=v,...]",
      description = "apply a decorator to every step: resources:cpu=N,memory=MB,gpu=N or batch")
  List<String> withs = new ArrayList<>();

  /**
   * A runner for {@code flow} with these options, after checking them, showing itself on
   * {@code console} (see {@link #console}).
   */
  FlowRunner runner(Class<? extends FlowSpec> flow, FlowGraph graph, DatastoreOptions datastore,
      Config config, Console console) {
    return runner(flow, graph, datastore, config, console.listener(), System.out, System.err,
        console.taskOutput());
  }

  /**
   * A runner as {@link #runner(Class, FlowGraph, DatastoreOptions, Config, Console)} makes,
   * reporting to {@code listener}, the tasks' output (when {@code taskOutput}) going to {@code
   * out} and {@code err}.
   */
  FlowRunner runner(Class<? extends FlowSpec> flow, FlowGraph graph, DatastoreOptions datastore,
      Config config, dev.cellflow.internal.runtime.RunListener listener, java.io.PrintStream out,
      java.io.PrintStream err, boolean taskOutput) {
    if (maxWorkers < 1) {
      throw new CellflowException("--max-workers " + maxWorkers + ": give 1 or more");
    }
    if (maxNumSplits < 1) {
      throw new CellflowException("--max-num-splits " + maxNumSplits + ": give 1 or more");
    }
    FlowDatastore ds = datastore.open(config, graph.flowName());
    return new FlowRunner(flow, graph, ds, new FlowRunner.Options(maxWorkers, maxNumSplits,
        datastore.kind(config), datastore.root(config), List.copyOf(tags), List.copyOf(withs),
        out, err, taskOutput, listener));
  }

  /** How the run shows itself (live lines on a terminal, ...); close it after the run. */
  Console console(Config config) {
    return Console.open(quiet, config);
  }
}
