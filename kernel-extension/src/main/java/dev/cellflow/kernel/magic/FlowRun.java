package dev.cellflow.kernel.magic;

import dev.cellflow.RunStatus;
import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.internal.cli.EmbeddedRun;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.GraphBuilder;
import dev.cellflow.internal.graph.StepNode;
import dev.cellflow.kernel.display.RunProgress;
import dev.cellflow.kernel.session.SessionFlow;
import java.util.List;

/**
 * {@code %flow run CLASS [options] [--PARAM VALUE ...]}: runs a flow class declared in the
 * notebook's cells as the command line's {@code run} does (same options, parameters, local
 * backend and task processes, {@code @Batch} steps on Batch), while one display under the cell
 * shows each step's progress ({@link RunProgress}). Interrupting the cell ends the run and its
 * tasks (recorded as killed).
 */
final class FlowRun {
  static final String USAGE = "%flow run CLASS [--max-workers N] [--max-num-splits N]"
      + " [--with DECO] [--tag T] [--quiet] [--PARAM VALUE ...]";

  private FlowRun() {}

  static Object run(Notebook nb, List<String> args) throws Exception {
    if (args.isEmpty() || args.get(0).startsWith("-")) {
      if (args.size() == 1 && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
        return USAGE + "\n" + FlowMagic.RUN_HELP;
      }
      throw new MagicException("%flow run: name the flow class to run, as in " + USAGE
          + "; the class is declared in a cell of this notebook");
    }
    String name = args.get(0);
    Host host = nb.host();
    // the code this kernel runs: its records come back as values (the Client API reads them)
    dev.cellflow.internal.serialize.AllowList.trustNotebookCells();
    try (SessionFlow flow = SessionFlow.compile(host.session(), name, host.jars())) {
      FlowGraph graph = GraphBuilder.build(flow.flowClass());
      RunProgress progress = new RunProgress(host.displays(),
          graph.inOrder().stream().map(StepNode::name).toList(), System.out);
      String help;
      try {
        help = nb.interruptible(() -> EmbeddedRun.execute(flow.flowClass(),
            args.subList(1, args.size()), new EmbeddedRun.Where("%flow run " + name, progress,
                flow.classpath(), System.out, System.err)));
      } finally {
        progress.finish();
      }
      if (help != null) {
        return help;
      }
      if (progress.pathspec() == null) { // an interrupt before the run was recorded
        throw new MagicException("%flow run: interrupted before run of " + name + " started");
      }
      if (progress.status() != RunStatus.SUCCEEDED) {
        throw new MagicException("%flow run: " + (progress.status() == RunStatus.KILLED
            ? "interrupted; its tasks were ended; " : "") + progress.end());
      }
      return null; // the display says where the run went
    }
  }
}
