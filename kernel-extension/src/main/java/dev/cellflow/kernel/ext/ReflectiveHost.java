package dev.cellflow.kernel.ext;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.cells.NotebookImports;
import dev.cellflow.kernel.magic.Host;
import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.kernel.session.JShellSession;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Locale;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * A {@link Host} over a kernel this jar was not compiled against (JJava of any version, IJava),
 * reached by reflection: its JShell ({@code getJShell()}, {@code getShell()}, or a field that
 * holds one), its session loader ({@code getClassLoader()}), and its evaluation ({@code
 * evalBuilder(code).resolveMagics().eval()} where it exists, else {@code evalRaw(code)}).
 */
final class ReflectiveHost implements Host {
  private final Object kernel;
  private final JShellSession session;
  private final CellLog cells;

  ReflectiveHost(Object kernel) {
    this.kernel = kernel;
    JShell shell = shell(kernel);
    this.session = new JShellSession(shell, () -> loader(kernel));
    this.cells = new CellLog(kernel, shell);
  }

  /**
   * Imports what cellflow's kernel starts each session with ({@link NotebookImports}): the
   * JDK's usual packages and Parallel's statics, which the project's notebooks use unnamed.
   */
  void importDefaults() {
    for (String i : NotebookImports.DEFAULT) {
      for (SnippetEvent e : session.shell().eval("import " + i + ";")) {
        if (e.status() == Snippet.Status.REJECTED) {
          System.err.println("cellflow: could not import " + i + " into this kernel's session");
        }
      }
    }
  }

  /**
   * Runs a magic, noting its cell (whether it failed, and whether it took a step's name: {@code
   * steps} counts the names the run gave) for {@code %flow export}.
   */
  Object magic(java.util.concurrent.Callable<Object> magic,
      java.util.function.IntSupplier steps) throws Exception {
    boolean ok = false;
    int before = steps.getAsInt();
    try {
      Object v = magic.call();
      ok = true;
      return v;
    } finally {
      cells.magicRan(ok, steps.getAsInt() > before);
    }
  }

  /** The kernel's cells, for {@code %flow export}: see {@link CellLog}. */
  @Override
  public List<dev.cellflow.internal.cells.Cell> ranCells() {
    return cells.ranCells(jarOf(ReflectiveHost.class));
  }

  @Override
  public JShellSession session() {
    return session;
  }

  /**
   * The jars the session added. JJava and IJava keep no list: they add each jar to the
   * URLClassLoader that holds the session's classes. So: the jar files among the URLs of the
   * session's loaders (its own and the thread's, and their parents), less this extension's jar.
   */
  @Override
  public List<Path> jars() {
    Set<Path> found = new LinkedHashSet<>();
    Path own = jarOf(ReflectiveHost.class);
    for (ClassLoader start : List.of(loader(kernel),
        Thread.currentThread().getContextClassLoader())) {
      for (ClassLoader l = start; l != null; l = l.getParent()) {
        if (l instanceof URLClassLoader u) {
          for (URL url : u.getURLs()) {
            Path p = jar(url);
            if (p != null && !p.equals(own)) {
              found.add(p);
            }
          }
        }
      }
    }
    return List.copyOf(found);
  }

  /** The jar file {@code url} names, or null for a folder or a remote address. */
  private static Path jar(URL url) {
    try {
      Path p = "file".equals(url.getProtocol()) ? Path.of(url.toURI()) : null;
      return p != null && p.toString().endsWith(".jar") && Files.isRegularFile(p) ? p : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Path jarOf(Class<?> c) {
    var source = c.getProtectionDomain().getCodeSource();
    try {
      return source == null ? null : Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** JJava's or IJava's display stream, which both can update a display in place. */
  @Override
  public dev.cellflow.kernel.display.LiveDisplays.Target displays() {
    return dev.cellflow.kernel.display.LiveDisplays.of(kernel);
  }

  /** JJava's kernels are a {@link BaseKernel}; IJava's is not, and gets the text. */
  @Override
  public void display(DisplayData d) {
    if (kernel instanceof BaseKernel k) {
      k.display(d);
    } else {
      System.out.println(d.getData(MIMEType.TEXT_PLAIN));
    }
  }

  @Override
  public Object runCode(String code) throws Exception {
    try {
      Method builder = find(kernel.getClass(), "evalBuilder", String.class);
      if (builder != null) {
        Object b = builder.invoke(kernel, code);
        Class<?> api = Class.forName("org.dflib.jjava.jupyter.kernel.EvalBuilder", false,
            builder.getReturnType().getClassLoader());
        b = api.getMethod("resolveMagics").invoke(b);
        return api.getMethod("eval").invoke(b);
      }
      Method raw = find(kernel.getClass(), "evalRaw", String.class);
      if (raw == null) {
        throw new CellflowException("this kernel (" + kernel.getClass().getName() + ") has"
            + " neither evalBuilder nor evalRaw; cellflow's magics cannot run its cells");
      }
      return raw.invoke(kernel, code);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      Object event = cause == null ? null : call(cause, "getBadSnippetCompilation");
      if (event instanceof SnippetEvent bad) { // JJava's CompilationException: javac's words
        throw new MagicException(compileErrors(bad.snippet()));
      }
      throw cause instanceof Exception x ? x : e;
    }
  }

  /** What javac says of snippet {@code s}, a line per error, naming the line of the cell. */
  private String compileErrors(Snippet s) {
    JShell shell = session.shell();
    StringBuilder b = new StringBuilder();
    String src = s.source();
    for (Diag d : shell.diagnostics(s).filter(Diag::isError).toList()) {
      // javac's "location:" line names JShell's wrapper class, which means nothing here
      String message = d.getMessage(Locale.ROOT).lines()
          .filter(l -> !l.strip().startsWith("location:")).collect(Collectors.joining("\n"));
      long line = src.substring(0, (int) Math.max(0, Math.min(d.getPosition(), src.length())))
          .chars().filter(c -> c == '\n').count();
      b.append("error: ").append(message).append("\n  in `")
          .append(src.lines().skip(line).findFirst().orElse("").strip()).append("`\n");
    }
    if (s instanceof DeclarationSnippet d) {
      String missing = String.join(", ", shell.unresolvedDependencies(d).toList());
      b.append(missing.isEmpty() ? "" : "not defined: " + missing + "\n");
    }
    return b.isEmpty() ? "the cell does not compile: " + src.strip() : b.toString().strip();
  }

  private static Object call(Object target, String method) {
    Method m = find(target.getClass(), method);
    try {
      return m == null ? null : m.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static JShell shell(Object kernel) {
    try {
      for (String name : List.of("getJShell", "getShell")) {
        Method m = find(kernel.getClass(), name);
        if (m != null && JShell.class.isAssignableFrom(m.getReturnType())) {
          return (JShell) m.invoke(kernel);
        }
      }
      // IJava keeps it in its evaluator
      for (Class<?> c = kernel.getClass(); c != null; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          f.setAccessible(true);
          Object v = f.get(kernel);
          if (v instanceof JShell js) {
            return js;
          }
          Method m = v == null ? null : find(v.getClass(), "getShell");
          if (m != null && JShell.class.isAssignableFrom(m.getReturnType())) {
            return (JShell) m.invoke(v);
          }
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new CellflowException("cannot reach the JShell of kernel "
          + kernel.getClass().getName() + ": " + e, e);
    }
    throw new CellflowException("kernel " + kernel.getClass().getName() + " has no JShell that"
        + " cellflow can find");
  }

  private static ClassLoader loader(Object kernel) {
    try {
      Method m = find(kernel.getClass(), "getClassLoader");
      if (m != null) {
        ClassLoader l = (ClassLoader) m.invoke(kernel);
        if (l != null) {
          return l;
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // fall back to the loader the kernel runs cells with
    }
    return Thread.currentThread().getContextClassLoader();
  }

  /** A method of {@code c} or a superclass, any visibility, made accessible; null if none. */
  static Method find(Class<?> c, String name, Class<?>... params) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      try {
        Method m = k.getDeclaredMethod(name, params);
        m.setAccessible(true);
        return m;
      } catch (NoSuchMethodException e) {
        // look further up
      }
    }
    return null;
  }
}
