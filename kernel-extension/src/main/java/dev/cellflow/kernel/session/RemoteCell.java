package dev.cellflow.kernel.session;

import static dev.cellflow.compute.TaskOutcome.Status.FAILED;
import static dev.cellflow.compute.TaskOutcome.Status.KILLED;

import dev.cellflow.CellflowException;
import dev.cellflow.TaskStatus;
import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.StepResources;
import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskLogs;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.compute.TaskRef;
import dev.cellflow.internal.cells.CellCompiler;
import dev.cellflow.internal.cells.CellSource;
import dev.cellflow.internal.cells.SessionClasspath;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.decorator.WithSpec;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.Json;
import dev.cellflow.internal.metadata.TaskMeta;
import dev.cellflow.internal.notebook.CellOutcome;
import dev.cellflow.internal.notebook.CellPackage;
import dev.cellflow.internal.notebook.CellTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * Runs one cell out of the kernel, as a task of a compute backend chosen by name: compiles the
 * cell and packs it ({@link CellPackage}), stores it and the values it reads in the datastore,
 * launches the task, streams its output, and on success binds the outputs that came back as
 * session variables. Interrupting the waiting thread ends the task.
 */
public final class RemoteCell {
  /**
   * How to run it.
   *
   * @param backend the compute backend's name ({@code batch}, {@code local})
   * @param resources what the step asks for
   * @param withs backend options as {@code --with} values ({@code batch:queue=q,image=i})
   * @param keep outputs to keep in the store whatever their size
   * @param returnLimit outputs larger than this (bytes) stay behind unless kept
   * @param datastoreKind the datastore kind task processes open ({@code local}, {@code s3})
   */
  public record Options(String backend, StepResources resources, List<String> withs,
      List<String> keep, long returnLimit, String datastoreKind) {}

  /** How it went: the step, the task's outcome, and what it made. */
  public record Result(NotebookRun.StepId step, TaskOutcome task, CellOutcome outcome) {}

  private final JShellSession session;
  private final NotebookRun run;
  private final CellBackends backends;
  private NotebookRun.StepId step;

  /** Remote cells of {@code run}, reading {@code session}, on backends from {@code backends}. */
  public RemoteCell(JShellSession session, NotebookRun run, CellBackends backends) {
    this.session = session;
    this.run = run;
    this.backends = backends;
  }

  /** The step the last {@link #run} made, whether it succeeded or not; null before one. */
  public NotebookRun.StepId step() {
    return step;
  }

  /**
   * Runs {@code body}; its output goes to {@code out}/{@code err} as it comes.
   *
   * @throws CellflowException when the cell cannot be shipped, or its task failed
   * @throws InterruptedException when interrupted; the task has been ended
   */
  public Result run(String body, List<Path> jars, Options o, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    return run(body, jars, o, out, err, null);
  }

  /**
   * Runs {@code body} as {@link #run(String, List, Options, PrintStream, PrintStream)} does;
   * {@code watch} (null for none) follows the task, and gets what would be printed about it.
   */
  public Result run(String body, List<Path> jars, Options o, PrintStream out, PrintStream err,
      CellWatch watch) throws IOException, InterruptedException {
    FlowDatastore ds = run.datastore();
    // all of it, the session's jars too: which jars a kernel counts as the session's is a
    // guess (JJava keeps no list), and one of cellflow's own must not be left out
    ComputeBackend backend = backends.get(o.backend(), o.withs(), ds,
        SessionClasspath.joined(session.loader()));
    NotebookRun.StepId id = run.nextStep();
    step = id;
    String on = o.backend() + " (" + o.resources().describe() + ")";
    if (watch != null) { // compiling the cell and storing what it reads may take a while
      watch.shipping(run.pathspec() + "/" + id.pathspec(), on);
    }
    List<String> declared = new ArrayList<>();
    String source = body;
    body = hoistDeclarations(body, declared);
    var spec = dev.cellflow.compute.TaskSpec.builder(CellTask.PREFIX + ds.flow(), id.step(),
        run.id(), id.task()).datastore(o.datastoreKind(), ds.storage().root())
        .parents(run.parents().stream().map(TaskRef::parse).toList()).build();
    long started = System.currentTimeMillis();
    try {
      CellPackage p = pack(body, jars, o, ds);
      ds.storage().put(CellTask.packageKey(ds.flow(), run.id(), id.step(), id.task()),
          Json.write(p));
    } catch (IOException | RuntimeException e) {
      if (!Thread.currentThread().isInterrupted() && !byInterrupt(e)) {
        // a failed step like any other: %batch list and the Client API show it and why
        record(ds, id, spec, new TaskOutcome(FAILED, String.valueOf(e.getMessage()), null, 0,
            started), started);
        throw e;
      }
      Thread.currentThread().interrupt(); // the store's failure stands for the interrupt
    }
    // interrupted while its values and jars were stored: launch nothing. The store writes each
    // object whole or not at all, so it holds what it held, and what was complete
    if (Thread.interrupted()) {
      record(ds, id, spec, new TaskOutcome(KILLED, "interrupted while shipping the cell",
          null, 0, started), started);
      throw new InterruptedException("interrupted while shipping the cell; nothing was"
          + " launched");
    }
    // the task's lines reach this cell's output only while the cell runs: a task that ends
    // after an interrupt has given up waiting must not print into a later cell
    CellConsole console = new CellConsole(out, err);
    TaskLogs logs = new TaskLogs(ds, Config.load().logCapKb() << 10, run.id(), id.step(),
        id.task(), 0, console.out(), console.err());
    CompletableFuture<TaskOutcome> done = new CompletableFuture<>();
    TaskOutcome outcome;
    try {
      if (watch != null) {
        logs.follow(watch);
        watch.launching();
      } else {
        out.println("[" + run.pathspec() + "/" + id.pathspec() + "] running on " + on);
      }
      backend.launch(new TaskLaunch(spec, o.resources(), 0, logs, backendArgs(o)),
          done::complete);
      try {
        outcome = done.get();
      } catch (InterruptedException e) {
        backend.killAll();
        // the job it ran in, for %batch logs, also when the task has not ended in time
        outcome = CellConsole.killed(done, started, logs.externalId());
        console.close();
        record(ds, id, spec, outcome, started);
        throw e;
      } catch (ExecutionException e) {
        record(ds, id, spec, new TaskOutcome(FAILED, "the backend failed: " + e.getCause(),
            null, 0, started), started);
        throw new CellflowException("the backend failed: " + e.getCause(), e.getCause());
      }
    } finally {
      console.close();
      logs.follow(null); // a task that ends later tells the cell's display nothing either
      logs.close();
    }
    record(ds, id, spec, outcome, started);
    if (!outcome.ok()) {
      throw new CellflowException("%batch: task " + run.pathspec() + "/" + id.pathspec()
          + " on " + o.backend() + " " + outcome.status() + ": " + outcome.summary());
    }
    CellOutcome made;
    try (InputStream in = ds.storage().read(CellTask.outcomeKey(ds.flow(), run.id(), id.step(),
        id.task()))) {
      made = Json.read(in, CellOutcome.class);
    }
    Map<String, String> types = new LinkedHashMap<>();
    made.outputs().forEach(x -> types.put(x.name(), x.type()));
    run.ranElsewhere(id, ds.result(run.id(), id.step(), id.task()),
        new CellRecord(source, where(o), declared, types));
    return new Result(id, outcome, made);
  }

  /** Where the cell ran and with what, for the run's graph: {@code local, cpu 2, memory 2000 MB}. */
  private static String where(Options o) {
    return o.backend() + ", " + o.resources().orDefaults().describe();
  }

  /** Whether {@code e} or a cause of it is an interrupted wait or channel. */
  private static boolean byInterrupt(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException || t instanceof InterruptedException
          || t instanceof java.nio.channels.ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The backend's own arguments ({@code queue}, {@code image}) from the options' {@code --with}
   * values for it: the backend reads them from the launch, as it does a flow step's. The sizes
   * travel as the launch's resources.
   */
  static Map<String, String> backendArgs(Options o) {
    Map<String, String> args = new LinkedHashMap<>();
    for (String w : o.withs()) {
      WithSpec spec = WithSpec.parse(w);
      if (spec.name().equals(o.backend())) {
        args.putAll(spec.args());
      }
    }
    args.keySet().removeAll(Set.of("cpu", "memory", "gpu"));
    return Map.copyOf(args);
  }

  /**
   * Binds the outputs that came back as session variables; returns their names. An output that
   * cannot be read here does not keep the others from being bound (later cells read them): it is
   * named in the exception thrown once the others are bound.
   */
  public List<String> bind(CellOutcome made) throws IOException {
    List<String> bound = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Map<String, VarSnippet> vars = session.variables();
    for (CellOutcome.Output x : made.outputs()) {
      if (!x.sendBack()) {
        continue;
      }
      try {
        Object value = run.datastore().getArtifact(x.ref(), session.loader());
        VarSnippet existing = vars.get(x.name());
        if (existing != null && existing.typeName().equals(x.type())) {
          session.set(existing, value);
        } else {
          session.bind(x.name(), x.type(), value);
        }
        bound.add(x.name());
      } catch (IOException | RuntimeException | LinkageError e) {
        failed.add(x.name() + " (" + x.type() + "): " + e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      throw new CellflowException("%batch: the task ran and stored its outputs, but "
          + String.join("; ", failed) + (bound.isEmpty() ? "" : "; the others are variables"
          + " here now: " + String.join(", ", bound)));
    }
    return bound;
  }

  private void record(FlowDatastore ds, NotebookRun.StepId id,
      dev.cellflow.compute.TaskSpec spec, TaskOutcome o, long started) throws IOException {
    TaskStatus status = o.ok() ? TaskStatus.SUCCEEDED
        : o.killed() ? TaskStatus.KILLED : TaskStatus.FAILED;
    ds.saveTask(run.id(), new TaskMeta(id.step(), id.task(), 0, status, started,
        System.currentTimeMillis(), o.pid(), o.exitCode(),
        spec.parents().stream().map(TaskRef::toString).toList(), List.of(),
        o.ok() ? null : o.summary(), null, o.externalId())); // the job id: %batch logs
  }

  /**
   * The package: what the body needs from the session, compiled here (a cell that does not
   * compile fails before anything is stored or launched), and the values it reads, stored.
   */
  CellPackage pack(String body, List<Path> jars, Options o, FlowDatastore ds)
      throws IOException {
    Set<String> names = new LinkedHashSet<>(Identifiers.of(body));
    Set<String> cellDeclares = declaredBy(body);
    // a lambda the cell reads is rebuilt by the class that made it: that snippet travels too
    Map<String, Snippet> makers = LambdaMakers.makers(session, names, cellDeclares);
    List<DeclarationSnippet> decls = new ArrayList<>();
    List<DeclarationSnippet> all = session.declarations();
    Map<String, VarSnippet> vars = session.variables();
    List<VarSnippet> reads = new ArrayList<>();
    boolean grew = true;
    while (grew) { // what the body mentions, what that mentions, and so on
      grew = false;
      for (String n : List.copyOf(names)) {
        VarSnippet v = vars.get(n);
        if (v != null && !reads.contains(v) && !cellDeclares.contains(n)) {
          // its holder declares it with its type, and its value may be of a session type
          // that the type does not name (Object o = new P(1), List<Shape> of records)
          reads.add(v);
          names.addAll(Identifiers.of(v.typeName()));
          names.addAll(SessionTypes.inTypeName(v.typeName()));
          names.addAll(SessionTypes.of(session.value(v)));
          grew = true;
        }
      }
      for (DeclarationSnippet d : all) {
        if (!decls.contains(d) && names.contains(d.name())) {
          decls.add(d);
          names.addAll(Identifiers.of(d.source()));
          grew = true;
        }
      }
    }
    decls.sort(java.util.Comparator.comparingInt(all::indexOf));
    List<String> classNames = new ArrayList<>();
    decls.forEach(d -> classNames.add(session.className(d)));
    reads.forEach(v -> classNames.add(session.className(v)));
    makers.keySet().stream().filter(c -> !classNames.contains(c)).forEach(classNames::add);
    List<String> imports = session.imports();
    List<CellSource.Unit> units = new ArrayList<>();
    for (DeclarationSnippet d : decls) {
      String wrapped = session.wrapped(d);
      int at = wrapped.indexOf("class " + simple(session.className(d)));
      units.add(unit(session.className(d), imports, classNames, wrapped.substring(at)));
    }
    Set<String> inputNames = new LinkedHashSet<>();
    for (VarSnippet v : reads) {
      String cls = session.className(v);
      units.add(unit(cls, imports, classNames, makers.containsKey(cls) ? classOf(v)
          : "class " + simple(cls) + " { public static " + v.typeName() + " " + v.name()
              + "; }"));
      inputNames.add(v.name());
    }
    for (Map.Entry<String, Snippet> m : makers.entrySet()) {
      if (!decls.contains(m.getValue()) && !reads.contains(m.getValue())) {
        units.add(unit(m.getKey(), imports, classNames, classOf(m.getValue())));
      }
    }
    List<String> classpath = new ArrayList<>(SessionClasspath.of(session.loader()));
    jars.forEach(j -> classpath.add(j.toString()));
    CellCompiler.Compiled c = CellCompiler.compile(new CellSource(imports, units, inputNames,
        body), classpath);
    List<CellPackage.Input> inputs = new ArrayList<>();
    for (VarSnippet v : reads) {
      String cls = session.className(v);
      Object value = session.value(v);
      ArtifactRef ref;
      try {
        ref = ds.putArtifact(value);
      } catch (FlowDatastore.NotStorableException e) {
        throw new CellflowException("%batch: the cell reads variable '" + v.name() + "' ("
            + v.typeName() + "), which cannot be shipped: " + e.getMessage() + "; make that"
            + " class implement java.io.Serializable (records, enums and collections of them"
            + " need not), or compute the value inside the cell", e);
      }
      inputs.add(new CellPackage.Input(v.name(), v.typeName(), cls, ref));
    }
    List<CellPackage.Jar> shipped = new ArrayList<>();
    for (Path jar : jars) {
      shipped.add(new CellPackage.Jar(jar.getFileName().toString(),
          ds.putArtifact(Files.readAllBytes(jar))));
    }
    return new CellPackage(c.classes(), c.types(), c.assigned(), inputs, run.artifacts(),
        shipped, o.keep(), o.returnLimit());
  }

  /** The class JShell compiled {@code s} into, as it wrote it (without its imports). */
  private String classOf(Snippet s) {
    String wrapped = session.wrapped(s);
    return wrapped.substring(wrapped.indexOf("class " + simple(session.className(s))));
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /**
   * A compilation unit of class {@code cls} in package {@code REPL}: the session's imports, a
   * static import of every other class in {@code all}, and {@code classDecl}.
   */
  static CellSource.Unit unit(String cls, List<String> imports, List<String> all,
      String classDecl) {
    StringBuilder s = new StringBuilder("package REPL;\n");
    imports.forEach(i -> s.append(i).append('\n'));
    for (String other : all) {
      if (!other.equals(cls)) {
        s.append("import static ").append(other).append(".*;\n");
      }
    }
    return new CellSource.Unit(cls, s.append(classDecl).append('\n').toString());
  }

  /**
   * Declares the cell's own imports, methods and types in the session (a method cannot be
   * declared inside the method the body becomes), and returns the body without them, blanked
   * so that line numbers stay. They then travel like declarations of earlier cells, and are
   * added to {@code declared} for the step's record (resume declares them again).
   */
  private String hoistDeclarations(String body, List<String> declared) {
    var sca = session.shell().sourceCodeAnalysis();
    StringBuilder out = new StringBuilder();
    String rest = body;
    var info = sca.analyzeCompletion(rest);
    while (info.completeness().isComplete()) {
      String chunk = rest.substring(0, rest.length() - info.remaining().length());
      List<Snippet> snippets = sca.sourceToSnippets(info.source());
      boolean declaration = !snippets.isEmpty() && snippets.stream().allMatch(x ->
          x.kind() == Snippet.Kind.IMPORT || x.kind() == Snippet.Kind.METHOD
              || x.kind() == Snippet.Kind.TYPE_DECL);
      if (declaration) {
        session.declareAll(List.of(info.source()));
        declared.add(info.source());
        out.append(chunk.replaceAll("[^\n]", " "));
      } else {
        out.append(chunk);
      }
      rest = info.remaining();
      info = sca.analyzeCompletion(rest);
    }
    return out.append(rest).toString();
  }

  /** The variables the body declares at its top level. */
  private Set<String> declaredBy(String body) {
    Set<String> out = new LinkedHashSet<>();
    var sca = session.shell().sourceCodeAnalysis();
    var info = sca.analyzeCompletion(body);
    while (info.completeness().isComplete()) {
      for (Snippet s : sca.sourceToSnippets(info.source())) {
        if (s instanceof VarSnippet v) {
          out.add(v.name());
        }
      }
      info = sca.analyzeCompletion(info.remaining());
    }
    return out;
  }
}
