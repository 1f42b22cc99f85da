package dev.cellflow.kernel.magic;

import dev.cellflow.RunStatus;
import dev.cellflow.compute.StepResources;
import dev.cellflow.internal.cells.CellOptions;
import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.kernel.session.CellRecord;
import dev.cellflow.kernel.session.JShellSession;
import dev.cellflow.kernel.session.NotebookRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * One notebook's cellflow state: the flow run its cells are steps of, and what the magics at the
 * top of the cell being executed asked for ({@code %batch}, {@code %resources}). Cells run
 * through {@link #runCell}: in the kernel, recorded as a step when a flow is on; or out of the
 * kernel as a task ({@link RemoteCells}).
 */
public final class Notebook {
  private final Host host;
  private final Config config = Config.load();
  private NotebookRun run;
  private CellOptions pendingBatch;
  private StepResources pendingResources;
  private volatile Thread cellThread;
  private final Set<String> remoteSteps = new java.util.HashSet<>();
  private final List<dev.cellflow.internal.cells.Cell> executed = new ArrayList<>();
  private int stepsAtCell = -1;
  /** JJava, IJava: how many cells the host had run when the last step ended (or the run began). */
  private int cellsAtStep;
  private final dev.cellflow.kernel.session.CellBackends backends =
      new dev.cellflow.kernel.session.CellBackends();

  /** The notebook of the kernel {@code host}. */
  public Notebook(Host host) {
    this.host = host;
  }

  Host host() {
    return host;
  }

  Config config() {
    return config;
  }

  /** The current run, or null before {@code %flow NAME}. */
  NotebookRun run() {
    return run;
  }

  void run(NotebookRun r) {
    run = r;
    remoteSteps.clear();
    cellsAtStep = ranCount();
  }

  /** The steps the current run named so far, -1 without a run: a cell that adds one is a step. */
  public int stepsNamed() {
    NotebookRun r = run;
    return r == null ? -1 : r.stepsNamed();
  }

  /** The compute backends of the current run's remote cells. */
  dev.cellflow.kernel.session.CellBackends backends() {
    return backends;
  }

  /** The steps of the current run that ran out of the kernel. */
  Set<String> remoteSteps() {
    return remoteSteps;
  }

  /** The part of the configured datastore that holds flow {@code name}. */
  FlowDatastore datastore(String name) {
    return new FlowDatastore(Datastores.open(config.datastore(), config.datastoreRoot()), name);
  }

  void pendingBatch(CellOptions o) {
    pendingBatch = o;
  }

  void pendingResources(StepResources r) {
    pendingResources = r;
  }

  /** Keeps the source of a cell that ran to its end, magics included, for {@code %flow export}. */
  public void executed(String source) {
    executed.add(new dev.cellflow.internal.cells.Cell(executed.size() + 1, source));
    stepsAtCell = -1; // the next cell counts from its own start
  }

  /**
   * Notes a cell that failed: when it was a step of the run (it took a name, {@code cell_N}),
   * export keeps its place, so the steps after it have the kernel's names in the jar too.
   */
  public void failed(String source) {
    if (run != null && stepsAtCell >= 0 && run.stepsNamed() > stepsAtCell) {
      executed.add(new dev.cellflow.internal.cells.Cell(executed.size() + 1, source, true));
    }
    stepsAtCell = -1;
  }

  /**
   * The cells this kernel ran, in the order they ran, failed steps marked; in JJava or IJava
   * the cells the host recorded (those that ran to their end).
   */
  List<dev.cellflow.internal.cells.Cell> executed() {
    List<dev.cellflow.internal.cells.Cell> fromHost = host.ranCells();
    return fromHost == null ? List.copyOf(executed) : fromHost;
  }

  /** Which of the cells {@link #executed} returns are steps: the rule of this kernel. */
  dev.cellflow.internal.cells.StepCells stepCells() {
    return host.ranCells() == null ? dev.cellflow.internal.cells.StepCells.EVERY
        : dev.cellflow.internal.cells.StepCells.MARKED;
  }

  private int ranCount() {
    List<dev.cellflow.internal.cells.Cell> ran = host.ranCells();
    return ran == null ? 0 : ran.size();
  }

  /** Forgets what the magics of a cell asked for (the cell failed before its code ran). */
  public void clearPending() {
    pendingBatch = null;
    pendingResources = null;
  }

  /** Whether the magics at the top of this cell sent it out of the kernel. */
  public boolean remotePending() {
    return pendingBatch != null;
  }

  /**
   * Runs a cell's code (the lines after its magics): out of the kernel when {@code %batch} asked
   * for it, else in the kernel, as a step of the run when a flow is on.
   */
  public Object runCell(String body) throws Exception {
    CellOptions batch = pendingBatch;
    StepResources resources = pendingResources;
    clearPending();
    cellThread = Thread.currentThread();
    stepsAtCell = run == null ? -1 : run.stepsNamed();
    if (run != null) {
      Unrecorded.store(host, run, cellsAtStep);
    }
    try {
      if (batch != null) {
        return new RemoteCells(this).run(body, batch.withResources(resources));
      }
      if (resources != null && run == null) {
        ResourcesMagic.checkLocal(resources);
      }
      return run == null ? runHere(body) : localStep(body, resources);
    } finally {
      cellThread = null;
      cellsAtStep = ranCount();
      Thread.interrupted(); // an interrupt meant for this cell must not hit the next one
    }
  }

  /**
   * Interrupts a cell that ships or waits on a remote task (its task is then ended). While the
   * cell's thread evaluates code in the session the interrupt waits (see {@link
   * JShellSession#evaluating}); the kernel stops running code with JShell's own stop.
   */
  public void interrupt() {
    Thread t = cellThread;
    if (t != null) {
      host.session().interrupt(t);
    }
  }

  /**
   * Runs {@code work} (a magic that waits on tasks: {@code %flow run}) with an interrupt of the
   * cell reaching this thread, as a remote cell's wait does; it is cleared after.
   */
  <T> T interruptible(java.util.concurrent.Callable<T> work) throws Exception {
    cellThread = Thread.currentThread();
    try {
      return work.call();
    } finally {
      cellThread = null;
      Thread.interrupted(); // an interrupt meant for this cell must not hit the next one
    }
  }

  /**
   * Runs {@code body} in the session. An interrupt held back meanwhile has done its work (JShell
   * stopped the code, or it had ended) and is dropped: set, it would fail the writes that
   * record the step.
   */
  private Object runHere(String body) throws Exception {
    try {
      return host.session().evaluating(() -> host.runCode(body));
    } finally {
      Thread.interrupted();
    }
  }

  /**
   * Runs {@code body} in the kernel as step {@code cell_N} (a failed step when it asks for
   * more {@code resources} than the kernel has): its outputs (the top-level variables
   * it declared or assigned) are stored by value at the end of the cell.
   */
  private Object localStep(String body, StepResources resources) throws Exception {
    JShellSession s = host.session();
    NotebookRun.StepId id = run.nextStep();
    long started = System.currentTimeMillis();
    if (resources != null) {
      try {
        ResourcesMagic.checkLocal(resources);
      } catch (MagicException e) {
        // a refused cell is a step that failed, as in its exported jar, where it is a step
        run.failed(id, started, ProcessHandle.current().pid(), e.getMessage(),
            new CellRecord(body, "kernel", List.of(), Map.of()), "");
        throw e;
      }
    }
    Map<String, VarSnippet> before = s.variables();
    List<Snippet> declsBefore = new ArrayList<>(s.declarations());
    List<String> importsBefore = s.imports();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    // no flush of its own: the kernel's stream decides when a line is sent (LineOutput)
    System.setOut(new PrintStream(new Tee(out, captured), false, StandardCharsets.UTF_8));
    Object result;
    // the cell may attach cards (Current.get().card()), as a flow's step does
    var step = new dev.cellflow.internal.StepRecorder(new dev.cellflow.Current(
        run.datastore().flow(), run.id(), id.step(), id.task(), 0, config.datastore(),
        config.datastoreRoot()), null, -1);
    dev.cellflow.internal.StepRecorder.setRunning(step);
    var cards = step.cards();
    try {
      result = runHere(body);
    } catch (Exception e) {
      System.setOut(out);
      run.failed(id, started, ProcessHandle.current().pid(), String.valueOf(e.getMessage()),
          new CellRecord(body, "kernel", List.of(), Map.of()), text(captured));
      throw e;
    } finally {
      dev.cellflow.internal.StepRecorder.setRunning(null);
      System.setOut(out);
    }
    Map<String, VarSnippet> after = s.variables();
    Set<String> assigned = dev.cellflow.kernel.session.Identifiers.assigned(body);
    Set<String> mentioned = dev.cellflow.kernel.session.Identifiers.of(body);
    Map<String, ArtifactRef> refs = new LinkedHashMap<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (VarSnippet v : after.values()) {
      if (v.name().startsWith("$")) {
        continue; // a value JShell named, not the user's variable
      }
      boolean changed = before.get(v.name()) != v || assigned.contains(v.name());
      if (!changed && !mentioned.contains(v.name())) {
        continue; // not touched by this cell: its value is not even read
      }
      Object value = s.value(v);
      if (!changed && !smallAndMutable(value)) {
        continue; // read, not declared or assigned, and not something changed in place
      }
      try {
        refs.put(v.name(), run.datastore().putArtifact(value));
        types.put(v.name(), v.typeName());
      } catch (FlowDatastore.NotStorableException e) {
        System.err.println("cellflow: variable '" + v.name() + "' (" + v.typeName()
            + ") is not stored as an artifact of " + run.pathspec() + "/" + id.step() + ": "
            + e.getMessage());
      }
    }
    List<String> decls = new ArrayList<>();
    s.imports().stream().filter(i -> !importsBefore.contains(i)).forEach(decls::add);
    s.declarations().stream().filter(d -> !declsBefore.contains(d))
        .forEach(d -> decls.add(d.source()));
    run.datastore().saveCards(run.id(), id.step(), id.task(), cards.all());
    run.succeeded(id, started, ProcessHandle.current().pid(), refs,
        new CellRecord(body, "kernel", decls, types), text(captured));
    showCards(id);
    return result;
  }

  /** Shows the cards step {@code id}'s task attached, under its cell. */
  void showCards(NotebookRun.StepId id) {
    List<dev.cellflow.card.Card> cards;
    try {
      cards = run.datastore().cards(run.id(), id.step(), id.task());
    } catch (IOException | RuntimeException e) {
      System.err.println("cellflow: the cards of " + run.pathspec() + "/" + id.pathspec()
          + " are not readable: " + e.getMessage());
      return;
    }
    dev.cellflow.kernel.display.CardDisplays.of(cards).forEach(host::display);
  }

  /**
   * Whether a variable the cell mentions may have changed in place ({@code counts[2] = 30},
   * {@code list.add(x)}) and is small enough to store again on that suspicion: arrays up to 8
   * MB and collections up to 100,000 elements. Stored bytes are content-addressed, so a value
   * that did not change costs a hash, not a write.
   */
  private static boolean smallAndMutable(Object v) {
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean
        || v instanceof Character || v instanceof Record || v instanceof Enum<?>) {
      return false;
    }
    if (v.getClass().isArray()) {
      return dev.cellflow.internal.notebook.Sizes.estimate(v) <= (8 << 20);
    }
    if (v instanceof java.util.Collection<?> c) {
      return c.size() <= 100_000;
    }
    return v instanceof Map<?, ?> m && m.size() <= 100_000;
  }

  private static String text(ByteArrayOutputStream b) {
    return b.toString(StandardCharsets.UTF_8);
  }

  /** Ends the current run, if any, as {@code status}. */
  void endRun(RunStatus status) throws IOException {
    if (run != null) {
      // The run's end is written first: closing the backends may wait for a class-data archive
      // being dumped, and a client that shuts the kernel down kills it after a few seconds
      // (jupyter_client waits 5 s), which left the run `running` when the machine was loaded.
      try {
        run.finish(status);
      } finally {
        run = null;
        backends.close();
      }
    }
  }

  /** The kernel is shutting down: the run ends (succeeded) and its task processes with it. */
  public void close() {
    try {
      endRun(RunStatus.SUCCEEDED);
    } catch (IOException e) {
      System.err.println("cellflow: could not record the end of the run: " + e.getMessage());
    } finally {
      backends.close();
    }
  }

  /** Writes to two streams: the cell's output goes to the notebook and into the step's log. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
