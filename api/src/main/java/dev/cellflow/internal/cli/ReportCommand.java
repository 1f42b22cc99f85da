package dev.cellflow.internal.cli;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.GraphBuilder;
import dev.cellflow.internal.report.RunGraph;
import dev.cellflow.internal.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report RUN[/STEP]}: a run as one self-contained HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write a run as one HTML file that opens from disk (no server, no network):",
        "the graph with each step's status, a timeline of the tasks, the parameters, each",
        "step's artifacts (names, types, sizes, small values), its tasks' cards and the tail",
        "of their output.",
        "Large runs are summed up per step, their first tasks listed."})
final class ReportCommand implements Callable<Integer> {
  private final Class<? extends FlowSpec> flow;
  @Spec CommandSpec spec;
  @Mixin DatastoreOptions datastore = new DatastoreOptions();

  @Parameters(paramLabel = "RUN[/STEP]",
      description = "the run (its id, or 'latest'); with a step, that step's details only")
  String pathspec;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "where to write it (default report-FLOW-RUN.html here)")
  Path output;

  ReportCommand(Class<? extends FlowSpec> flow) {
    this.flow = flow;
  }

  @Override
  public Integer call() throws Exception {
    String[] parts = pathspec.split("/");
    if (parts.length > 2 || parts[0].isEmpty()) {
      throw new CellflowException("report takes RUN or RUN/STEP, as in 3 or 3/square; not '"
          + pathspec + "'");
    }
    var ds = datastore.open(Config.load(), flow.getSimpleName());
    Flow f = Flow.in(ds.storage(), ds.flow());
    Run run;
    if (parts[0].equals("latest")) {
      run = f.latestRun().orElseThrow(() -> new CellflowException("report: no runs of "
          + f.name() + " in " + datastore.root(Config.load())));
    } else {
      try {
        run = f.run(Integer.parseInt(parts[0]));
      } catch (NumberFormatException e) {
        throw new CellflowException("report " + pathspec + ": the run id '" + parts[0]
            + "' is not a number (or 'latest')");
      }
    }
    String step = parts.length == 2 ? parts[1] : null;
    if (step != null) {
      run.step(step); // a clear error naming the steps there are
    }
    FlowGraph g = GraphBuilder.build(flow);
    Path out = output != null ? output
        : Path.of("report-" + f.name() + "-" + run.id() + (step != null ? "-" + step : "")
            + ".html");
    new RunReport(run, g, RunGraph.where(flow, g)).write(out, step);
    PrintWriter w = spec.commandLine().getOut();
    w.println("Wrote " + out.toAbsolutePath());
    w.flush();
    return 0;
  }
}
