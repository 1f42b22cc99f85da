package dev.cellflow.internal.cli;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.RunStatus;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.GraphBuilder;
import dev.cellflow.internal.liveness.Liveness;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.progress.Console;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code resume [STEP] [--origin-run-id ID]}: a new run that reuses the origin run's successful
 * tasks and runs the rest (or {@code STEP} and everything after it) again, with the origin's
 * parameters.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run again from a past run: its successful tasks are reused, the rest rerun.")
final class ResumeCommand implements Callable<Integer> {
  private final Class<? extends FlowSpec> flow;
  @Mixin DatastoreOptions datastore = new DatastoreOptions();
  @Mixin RunOptions options = new RunOptions();

  @Parameters(index = "0", arity = "0..1", paramLabel = "STEP",
      description = "rerun this step and all after it (default: what did not succeed)")
  String step;

  @Option(names = "--origin-run-id", paramLabel = "ID",
      description = "the run to resume (default: this flow's latest run)")
  Integer origin;

  ResumeCommand(Class<? extends FlowSpec> flow) {
    this.flow = flow;
  }

  @Override
  public Integer call() throws Exception {
    FlowGraph graph = GraphBuilder.build(flow);
    Config config = Config.load();
    FlowDatastore ds = datastore.open(config, graph.flowName());
    int from = origin != null ? origin : latest(ds);
    Liveness live = Liveness.of(ds, ds.run(from));
    if (live.live()) {
      throw new CellflowException("resume: run " + ds.flow() + "/" + from + " is still running ("
          + live.detail() + "); wait for it to end, or stop it (Ctrl-C where it runs), then"
          + " resume it");
    }
    try (Console console = options.console(config)) {
      RunMeta done = options.runner(flow, graph, datastore, config, console)
          .resume(from, step, config.user());
      return done.status() == RunStatus.SUCCEEDED ? 0 : 1;
    }
  }

  private int latest(FlowDatastore ds) throws Exception {
    List<Integer> ids = ds.runIds();
    if (ids.isEmpty()) {
      throw new CellflowException("resume: flow " + ds.flow() + " has no runs in "
          + ds.storage().root() + " to resume; start one with run");
    }
    return ids.get(ids.size() - 1);
  }
}
