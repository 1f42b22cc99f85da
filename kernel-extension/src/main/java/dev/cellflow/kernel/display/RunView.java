package dev.cellflow.kernel.display;

import dev.cellflow.FlowSpec;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.GraphBuilder;
import dev.cellflow.internal.report.RunGraph;
import dev.cellflow.kernel.session.NotebookRun;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * A run as a picture and a table: its graph (SVG, laid out by ELK: see {@link RunGraph}), each
 * step coloured by its status with its task counts and where it ran, above the table of its
 * tasks; clients that show only text get the table as text.
 */
public final class RunView {
  private RunView() {}

  /** {@code run}'s graph and its tasks. */
  public static DisplayData of(Run run) {
    return withGraph(Html.run(run), graph(run));
  }

  /** {@code flow}'s latest run's graph, and its runs. */
  public static DisplayData of(Flow flow) {
    DisplayData runs = Html.runs(flow);
    return flow.latestRun().map(r -> withGraph(runs, graph(r))).orElse(runs);
  }

  private static DisplayData withGraph(DisplayData table, String svg) {
    DisplayData d = new DisplayData(String.valueOf(table.getData(MIMEType.TEXT_PLAIN)));
    d.putHTML("<div class=\"cellflow-run\"><div style=\"overflow-x:auto\">" + svg + "</div>"
        + table.getData(MIMEType.TEXT_HTML) + "</div>");
    return d;
  }

  /**
   * The run's graph: from its flow class where this kernel can load it (steps not run
   * included, each with its resources), else from its records, a notebook's cells with where
   * each ran.
   */
  static String graph(Run run) {
    Class<? extends FlowSpec> cls = flowClass(run);
    if (cls != null) {
      try {
        FlowGraph g = GraphBuilder.build(cls);
        return RunGraph.svg(run, g, RunGraph.where(cls, g));
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not a graph this cellflow can build: draw what the records say
      }
    }
    return RunGraph.svg(run, cellsWhere(run));
  }

  private static Class<? extends FlowSpec> flowClass(Run run) {
    if (run.flowClass() == null || run.flowClass().startsWith("REPL.")) {
      return null; // a notebook's run: its cells are its steps
    }
    try {
      Class<?> c = Class.forName(run.flowClass(), false,
          Thread.currentThread().getContextClassLoader());
      return FlowSpec.class.isAssignableFrom(c) ? c.asSubclass(FlowSpec.class) : null;
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** Where each cell of a notebook's run ran, from its cell records in the configured store. */
  private static Map<String, String> cellsWhere(Run run) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      Config c = Config.load();
      FlowDatastore ds = new FlowDatastore(Datastores.open(c.datastore(), c.datastoreRoot()),
          run.pathspec().substring(0, run.pathspec().lastIndexOf('/')));
      for (NotebookRun.PastStep p : NotebookRun.pastSteps(ds, run.id())) {
        out.put(p.step(), p.record().where().equals("kernel") ? "in the kernel"
            : p.record().where());
      }
    } catch (java.io.IOException | RuntimeException e) {
      // a run from another store, or older records: the graph without where
    }
    return out;
  }
}
