package dev.cellflow.kernel;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.cells.CellText;
import dev.cellflow.kernel.magic.CellflowMagics;
import dev.cellflow.kernel.magic.Host;
import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.kernel.magic.Notebooks;
import dev.cellflow.kernel.session.JShellSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

/**
 * cellflow's Java kernel: JShell running cells in this JVM (so magics see live values), with
 * completion, inspection, {@code %jars}/{@code %classpath}, and the magics {@code %flow},
 * {@code %resources}, {@code %batch} built in. Magic lines go at the top of a cell; the code
 * after them is the cell.
 */
public final class CellflowKernel extends BaseKernel implements Host {
  /** Imports every session starts with: the JDK's usual ones and cellflow's notebook API. */
  static final List<String> STARTUP = dev.cellflow.internal.cells.NotebookImports.DEFAULT.stream()
      .map(i -> "import " + i + ";").toList();

  private final SessionLoader loader;
  private final JShell shell;
  private final JShellSession session;
  private final Evaluator evaluator;
  private final Notebooks notebooks;
  private final List<Path> jars = new CopyOnWriteArrayList<>();

  private final CellHistory history;
  /** The process's own output (the kernel's log), where a cell's late output goes. */
  private final java.io.PrintStream kernelOut = System.out;
  private final java.io.PrintStream kernelErr = System.err;
  private volatile LineOutput cellOut;
  private volatile LineOutput cellErr;

  private CellflowKernel(Builder b, SessionLoader loader, JShell shell, CellHistory history) {
    super(b.name(), b.version(), new LanguageInfo("Java", System.getProperty("java.version"),
        "text/x-java-source", ".jshell", "java", "java", "java"),
        List.of(new HelpLink("cellflow", "https://github.com/cellflow")), history,
        b.io(), b.comms(), b.renderer(), null, b.registry(), true, b.styler());
    this.history = history;
    this.loader = loader;
    this.shell = shell;
    this.session = new JShellSession(shell, loader::loader);
    this.evaluator = new Evaluator(session);
    this.notebooks = CellflowMagics.install(magicsRegistry, k -> this, true);
    magicsRegistry.registerLineMagic("jars", new JarsMagic(this, false));
    magicsRegistry.registerLineMagic("classpath", new JarsMagic(this, false));
    magicsRegistry.registerLineMagic("maven", new JarsMagic(this, true));
    Display.registerAll(renderer);
  }

  /** A kernel with a fresh session. */
  public static CellflowKernel create() {
    SessionLoader loader = new SessionLoader();
    JShell shell = JShell.builder().executionEngine(new SessionEngine(loader), null)
        .compilerOptions("-parameters").build();
    // where the kernel's classes came from, which java.class.path may not say (a launcher
    // that loads cellflow with a class loader of its own, as IJava does with %jars)
    shell.addToClasspath(dev.cellflow.internal.cells.SessionClasspath.joined(
        CellflowKernel.class.getClassLoader()));
    CellflowKernel k = new CellflowKernel(new Builder(), loader, shell, new CellHistory());
    for (String s : STARTUP) {
      k.evaluator.eval(s);
    }
    return k;
  }

  /** The session's JShell (JJava's kernels have the same method; the magics look for it). */
  public JShell getJShell() {
    return shell;
  }

  @Override
  public JShellSession session() {
    return session;
  }

  @Override
  public List<Path> jars() {
    return List.copyOf(jars);
  }

  @Override
  public dev.cellflow.kernel.display.LiveDisplays.Target displays() {
    return dev.cellflow.kernel.display.LiveDisplays.of(this);
  }

  /** Adds jars or folders to the session's class path, and installs extensions they hold. */
  void addToClasspath(List<Path> paths) {
    List<String> entries = new ArrayList<>();
    for (Path p : paths) {
      shell.addToClasspath(p.toString());
      if (p.toString().endsWith(".jar")) {
        jars.add(p);
      }
      entries.add(p.toString());
    }
    installExtensions(String.join(java.io.File.pathSeparator, entries));
  }

  @Override
  public Object runCode(String code) throws Exception {
    return evaluator.eval(code);
  }

  /** The cell's output goes to the notebook a line at a time ({@link LineOutput}). */
  @Override
  protected void replaceOutputStreams(ShellReplyEnvironment env) {
    super.replaceOutputStreams(env); // System.out is the Jupyter stream, restored after the cell
    cellOut = new LineOutput(io.out, kernelOut);
    cellErr = new LineOutput(io.err, kernelErr);
    System.setOut(new java.io.PrintStream(cellOut, false, java.nio.charset.StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(cellErr, false, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public Object evalRaw(String source) {
    // the Client API loads artifacts through it, records of earlier sessions included
    Thread.currentThread().setContextClassLoader(session.typeLoader());
    // the base kernel has already counted this cell
    history.add(executionCount.get() - 1, source);
    var nb = notebooks.of(this);
    boolean ran = false;
    try {
      CellText cell = CellText.parse(source);
      if (cell.cellMagic() != null) {
        return magicsRegistry.evalCellMagic(this, cell.cellMagic().name(),
            cell.cellMagic().args(), cell.body());
      }
      Object last = null;
      for (CellText.Magic m : cell.lineMagics()) {
        last = magicsRegistry.evalLineMagic(this, m.name(), m.args());
      }
      Object result = cell.body().isBlank() && !nb.remotePending() ? last
          : nb.runCell(cell.body());
      nb.executed(source);
      ran = true;
      // an array's own toString is "[D@1b2c3d"; JShell's way, shortened: double[3] { 1.0, ... }
      return result != null && result.getClass().isArray()
          ? new DisplayData(SessionEngine.BriefValues.brief(result)) : result;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CellException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    } finally {
      if (!ran) {
        nb.failed(source);
      }
      nb.clearPending();
      endCellOutput();
    }
  }

  /** Sends the cell's last partial lines, before its result or error. */
  private void endCellOutput() {
    System.out.flush();
    System.err.flush();
    for (LineOutput o : new LineOutput[] {cellOut, cellErr}) {
      if (o != null) {
        o.close();
      }
    }
    cellOut = null;
    cellErr = null;
  }

  /**
   * Answers kernel_info as the protocol says, with {@code "status": "ok"} (jjava-jupyter 1.0-a6
   * leaves it out; clients that check it take the reply for an error).
   */
  @Override
  protected void handleKernelInfoRequest(ShellReplyEnvironment env,
      Message<KernelInfoRequest> request) {
    env.setBusyDeferIdle();
    env.reply(new OkKernelInfoReply(name, version, getLanguageInfo(), getBanner(),
        getHelpLinks()));
  }

  /** A kernel_info reply that says it succeeded. */
  private static final class OkKernelInfoReply extends KernelInfoReply {
    @SuppressWarnings("unused") // read by the message library's JSON writer
    private final String status = "ok";

    OkKernelInfoReply(String name, String version, LanguageInfo lang, String banner,
        List<HelpLink> links) {
      super("5.3", name, version, lang, banner, links);
    }
  }

  /**
   * Answers every history_request as the protocol says: {@code "status": "ok"} and entries as
   * {@code [session, line, source]} (jjava-jupyter 1.0-a6 answers nothing when a kernel has no
   * history, and writes entries as objects). JupyterLab 4 ignores the status messages of
   * kernel_info requests, so the busy/idle around this, its first other request, is what turns
   * a new kernel's status from "unknown" to "idle" in the browser.
   */
  @Override
  @SuppressWarnings({"unchecked", "rawtypes"}) // the reply's content is our own JSON shape
  protected void handleHistoryRequest(ShellReplyEnvironment env,
      Message<HistoryRequest> request) {
    env.setBusyDeferIdle();
    HistoryRequest r = request.getContent();
    Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
    List<HistoryEntry> found = switch (r.getAccessType()) {
      case TAIL -> history.lookupTail(((HistoryRequest.Tail) r).getMaxReturnLength(), flags);
      case RANGE -> {
        HistoryRequest.Range range = (HistoryRequest.Range) r;
        yield history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(),
            flags);
      }
      case SEARCH -> {
        HistoryRequest.Search search = (HistoryRequest.Search) r;
        if (search.filterUnique()) {
          flags.add(HistoryManager.ResultFlag.UNIQUE);
        }
        yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
      }
    };
    env.reply(new Message(request, HistoryReply.MESSAGE_TYPE, new HistoryContent(found)));
  }

  /** A history reply's content, as the message library's JSON writer writes it. */
  @SuppressWarnings("unused") // the fields are read by that writer
  private static final class HistoryContent {
    private final String status = "ok";
    private final List<List<Object>> history;

    HistoryContent(List<HistoryEntry> entries) {
      this.history = entries.stream()
          .map(e -> List.<Object>of(e.getSession(), e.getCellNumber(), e.getInput())).toList();
    }
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    return Completion.inspect(shell, code, at);
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    return Completion.complete(shell, magicsRegistry, code, at);
  }

  @Override
  public String isComplete(String code) {
    return Completion.isComplete(shell, code);
  }

  @Override
  public void interrupt() {
    // the evaluator first: it stops the running code (JShell's stop), and must know the cell
    // was stopped when the evaluation returns. The notebook's interrupt ends a remote cell's
    // shipping or wait; it waits while the cell's thread is in JShell (JShellSession#evaluating)
    evaluator.interrupt();
    notebooks.of(this).interrupt();
  }

  @Override
  public List<String> formatError(Throwable e) {
    if (e instanceof CellException) { // its message is the cell's trace, causes included
      return errorStyler.primaryLines(e.getMessage());
    }
    if (e instanceof MagicException || e instanceof CellflowException) {
      return errorStyler.primaryLines(e.getMessage()
          + dev.cellflow.internal.Causes.of(e, "\n"));
    }
    return super.formatError(e);
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    try {
      notebooks.of(this).close();
    } finally {
      super.onShutdown(isRestarting);
      shell.close();
    }
  }

  @Override
  protected ClassLoader getClassLoader() {
    return loader.loader();
  }

  /** Reaches the protected parts of the base builder. */
  private static final class Builder extends BaseKernelBuilder<Builder, CellflowKernel> {
    Builder() {
      name("cellflow");
      version(CellflowKernel.class.getPackage().getImplementationVersion() == null ? "dev"
          : CellflowKernel.class.getPackage().getImplementationVersion());
    }

    @Override
    public CellflowKernel build() {
      throw new UnsupportedOperationException("use CellflowKernel.create()");
    }

    String name() {
      return buildName();
    }

    String version() {
      return buildVersion();
    }

    org.dflib.jjava.jupyter.kernel.JupyterIO io() {
      return buildJupyterIO(buildJupyterIOEncoding());
    }

    org.dflib.jjava.jupyter.kernel.comm.CommManager comms() {
      return buildCommManager();
    }

    org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
      return buildRenderer();
    }

    org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry registry() {
      return buildMagicsRegistry();
    }

    org.dflib.jjava.jupyter.kernel.util.StringStyler styler() {
      return buildErrorStyler();
    }
  }
}
