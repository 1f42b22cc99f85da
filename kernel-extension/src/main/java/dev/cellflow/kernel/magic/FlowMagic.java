package dev.cellflow.kernel.magic;

import dev.cellflow.CellflowException;
import dev.cellflow.RunStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.cells.MagicArgs;
import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.internal.cells.NotebookExport;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.kernel.display.Html;
import dev.cellflow.kernel.display.RunView;
import dev.cellflow.kernel.session.JShellSession;
import dev.cellflow.kernel.session.NotebookRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** {@code %flow NAME | runs | show [[FLOW/]RUN[/STEP]] | resume [NAME[/RUN]] | end | export | run}. */
final class FlowMagic implements LineMagic<Object, BaseKernel> {
  static final String HELP = """
      %flow NAME                 makes this notebook flow NAME and starts a run: each cell
                                 executed after it is a step (cell_1, cell_2, ...), whose
                                 outputs (the variables it declares or assigns) are stored
                                 as artifacts; the Client API, `cellflow logs` and resume see it
                                 (in JJava or IJava: each cell that starts with %%step or
                                 %%batch; other cells run as usual, and the variables they
                                 declare or assign are stored with the next step)
      %flow runs                 the flow's runs, newest first
      %flow show [RUN[/STEP]]    a run's graph and tasks (default: the current run), or a
                                 step's artifacts; FLOW/RUN[/STEP] for another flow's run
      %flow resume [NAME[/RUN]]  a new run that reuses RUN's successful cells (default: the
                                 flow's latest run) and restores their declarations and
                                 variables here; run the failed cell again to go on
      %flow end                  ends the current run as succeeded; cells are no longer steps
      %flow export FILE.jar      writes the cells this kernel ran (in the order they ran) as a
                                 runnable flow jar: java -jar FILE.jar run | resume | logs | show
                                 with the steps this kernel ran, by the same names (in JJava
                                 or IJava the other cells' code runs at the start of the
                                 next step there, or in its end step after the last one)
      %flow run CLASS [ARGS]     runs the flow class CLASS declared in a cell of this
                                 notebook (public class CLASS extends FlowSpec) as its own
                                 flow
      """ + FlowMagic.RUN_HELP.indent(27).stripTrailing();

  /** {@code %flow run}'s words in the help. */
  static final String RUN_HELP = """
      ARGS are the command line's run options and parameters
      (--max-workers N, --max-num-splits N, --with batch, --tag T,
      --quiet, --PARAM VALUE); each step runs in task processes
      (or on Batch), not in the kernel; one display under the cell
      shows each step's tasks done/running/failed as it runs, and
      then names the run: %flow show CLASS/RUN, or the Client API.
      Interrupting the cell ends the run and its tasks""";

  private final Notebooks notebooks;
  private final boolean hostRunsCells;

  /** {@code hostRunsCells}: every cell reaches the notebook (else only %%step and %%batch). */
  FlowMagic(Notebooks notebooks, boolean hostRunsCells) {
    this.notebooks = notebooks;
    this.hostRunsCells = hostRunsCells;
  }

  @Override
  public Object eval(BaseKernel kernel, List<String> args) throws Exception {
    if (!args.isEmpty() && args.get(0).equals("run")) { // the run command's own options follow
      return FlowRun.run(notebooks.of(kernel), args.subList(1, args.size()));
    }
    MagicArgs a = MagicArgs.parse("%flow", args, Map.of());
    if (a.help()) {
      return HELP;
    }
    if (a.words().isEmpty()) {
      throw new MagicException("%flow: say what to do: %flow NAME, runs, show, resume, end,"
          + " export or run; see %flow --help");
    }
    Notebook nb = notebooks.of(kernel);
    String cmd = a.words().get(0);
    switch (cmd) {
      case "runs" -> {
        a.atMostWords(1, "%flow runs");
        var ds = current(nb, "%flow runs").datastore();
        return Html.runs(Flow.in(ds.storage(), ds.flow()));
      }
      case "show" -> {
        a.atMostWords(2, "%flow show [[FLOW/]RUN[/STEP]]");
        return show(nb, a.words().size() > 1 ? a.words().get(1) : null);
      }
      case "end" -> {
        a.atMostWords(1, "%flow end");
        NotebookRun r = current(nb, "%flow end");
        nb.endRun(RunStatus.SUCCEEDED);
        return "run " + r.pathspec() + " ended (succeeded)";
      }
      case "export" -> {
        a.atMostWords(2, "%flow export FILE.jar");
        if (a.words().size() < 2 || !a.words().get(1).endsWith(".jar")) {
          throw new MagicException("%flow export: give the jar to write, as in %flow export"
              + " flow.jar");
        }
        return export(nb, Path.of(a.words().get(1)));
      }
      case "resume" -> {
        a.atMostWords(2, "%flow resume [NAME[/RUN]]");
        return resume(nb, a.words().size() > 1 ? a.words().get(1) : null);
      }
      default -> {
        a.atMostWords(1, "%flow NAME");
        return start(nb, cmd, hostRunsCells);
      }
    }
  }

  /**
   * Exports the cells this kernel ran, as a notebook file's cells would be: the jar holds the
   * flow class and what this kernel runs from, so {@code java -jar} needs nothing else.
   */
  private static String export(Notebook nb, Path jar) throws Exception {
    List<dev.cellflow.internal.cells.Cell> cells = nb.executed();
    // not java.class.path alone: IJava adds %jars (cellflow's jar too) to its class loader only
    String cp = dev.cellflow.internal.cells.SessionClasspath.joined(FlowMagic.class.getClassLoader());
    NotebookExport e;
    try {
      e = NotebookExport.compile("this notebook's cells", cells, cp, nb.stepCells());
    } catch (CellflowException ex) {
      throw new MagicException("%flow export: " + ex.getMessage()
          + " (cells are counted in the order this kernel ran them)");
    }
    e.writeJar(jar.toAbsolutePath(), cp);
    return "exported flow " + e.flowName() + " to " + jar + " (java -jar " + jar + " run)";
  }

  private static String checkedName(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new MagicException("%flow: '" + name + "' is not a flow name (letters, digits and _,"
          + " not starting with a digit); or did you mean runs, show, resume, end or run?");
    }
    return name;
  }

  private static Object start(Notebook nb, String name, boolean everyCell) throws Exception {
    FlowDatastore ds = nb.datastore(checkedName(name));
    nb.endRun(RunStatus.SUCCEEDED);
    nb.run(NotebookRun.start(ds, nb.config().user(), null));
    return "flow " + name + ": run " + nb.run().pathspec() + " started; " + (everyCell
        ? "each cell from here is a step" : "each cell from here that starts with %%step or"
        + " %%batch is a step; other cells run as usual, their variables stored with the next"
        + " step")
        + " (datastore " + ds.storage().root() + ")";
  }

  private static NotebookRun current(Notebook nb, String magic) {
    if (nb.run() == null) {
      throw new MagicException(magic + ": no flow is on; start one with %flow NAME");
    }
    return nb.run();
  }

  private static Object show(Notebook nb, String what) {
    String[] parts = what == null ? new String[0] : what.split("/");
    Flow flow;
    if (parts.length > 1 && !parts[0].matches("\\d+")) { // FLOW/RUN: a %flow run's run
      var ds = nb.datastore(checkedName(parts[0]));
      flow = Flow.in(ds.storage(), ds.flow());
      parts = java.util.Arrays.copyOfRange(parts, 1, parts.length);
    } else {
      NotebookRun r = current(nb, "%flow show");
      flow = Flow.in(r.datastore().storage(), r.datastore().flow());
      if (what == null) {
        return RunView.of(flow.run(r.id()));
      }
    }
    int id;
    try {
      id = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw new MagicException("%flow show: RUN is a run id (a number), not '" + parts[0] + "'");
    }
    Run run;
    try {
      run = flow.run(id);
    } catch (CellflowException e) {
      throw new MagicException("%flow show: " + e.getMessage());
    }
    if (parts.length == 1) {
      return RunView.of(run);
    }
    try {
      return Html.step(run.step(parts[1]));
    } catch (CellflowException e) {
      throw new MagicException("%flow show: " + e.getMessage());
    }
  }

  private static Object resume(Notebook nb, String what) throws Exception {
    String name = what == null ? null : what.split("/")[0];
    if (name == null) {
      name = current(nb, "%flow resume").datastore().flow();
    }
    FlowDatastore ds = nb.datastore(checkedName(name));
    Integer origin = null;
    if (what != null && what.contains("/")) {
      try {
        origin = Integer.parseInt(what.substring(what.indexOf('/') + 1));
      } catch (NumberFormatException e) {
        throw new MagicException("%flow resume: RUN is a run id (a number), not '"
            + what.substring(what.indexOf('/') + 1) + "'");
      }
    }
    List<Integer> ids = new ArrayList<>(ds.runIds());
    if (nb.run() != null && nb.run().datastore().flow().equals(name)) {
      ids.remove(Integer.valueOf(nb.run().id()));
    }
    if (origin == null) {
      if (ids.isEmpty()) {
        throw new MagicException("%flow resume: flow " + name + " has no earlier run in "
            + ds.storage().root() + " to resume");
      }
      origin = ids.get(ids.size() - 1);
    } else if (!ids.contains(origin)) {
      throw new MagicException("%flow resume: flow " + name + " has no run " + origin
          + "; its runs are " + ids);
    }
    nb.endRun(RunStatus.SUCCEEDED);
    NotebookRun run = NotebookRun.start(ds, nb.config().user(), origin);
    List<NotebookRun.PastStep> reused = run.reuse(origin);
    nb.run(run);
    JShellSession s = nb.host().session();
    Map<String, String> types = new LinkedHashMap<>();
    for (NotebookRun.PastStep p : reused) {
      s.declareAll(p.record().declarations());
      types.putAll(p.record().types());
    }
    List<String> restored = new ArrayList<>();
    ClassLoader loader = s.typeLoader(); // the records were made by another session
    for (Map.Entry<String, ArtifactRef> e : run.artifacts().entrySet()) {
      Object v = ds.getArtifact(e.getValue(), loader);
      s.bind(e.getKey(), types.getOrDefault(e.getKey(), "Object"), v);
      restored.add(e.getKey());
    }
    return "run " + run.pathspec() + " resumes " + name + "/" + origin + ": reused "
        + reused.stream().map(NotebookRun.PastStep::step).toList() + "; restored "
        + (restored.isEmpty() ? "no variables" : String.join(", ", restored))
        + "; the next cell is step cell_" + (reused.size() + 1);
  }
}
