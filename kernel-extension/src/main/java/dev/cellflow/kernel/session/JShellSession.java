package dev.cellflow.kernel.session;

import dev.cellflow.CellflowException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * A live JShell session seen from outside: its variables and their values (read from the
 * classes JShell compiled them into, so a magic sees the live object, not its text), its
 * declarations, and a way to bind a value to a variable. Works for any JShell whose code runs
 * in this JVM through {@code loader} (cellflow's kernel, JJava, IJava).
 */
public final class JShellSession {
  private final JShell shell;
  private final Supplier<ClassLoader> loader;
  /** Threads in {@link #evaluating}, with their depth, and those an interrupt waits for. */
  private final Map<Thread, Integer> evaluating = new HashMap<>();
  private final Set<Thread> held = new HashSet<>();

  /** A view of {@code shell}, whose classes {@code loader} defines. */
  public JShellSession(JShell shell, Supplier<ClassLoader> loader) {
    this.shell = shell;
    this.loader = loader;
  }

  /** The shell. */
  public JShell shell() {
    return shell;
  }

  /**
   * Runs {@code work}, which evaluates code in this session, with the interrupts that {@link
   * #interrupt} sends this thread held back until it ends; then they are set again. javac reads
   * the class path's jars through file channels, and an interrupt of the reading thread closes
   * its channel for good: the session would fail on every class it had not read yet ("cannot
   * access ... ClosedChannelException") until the kernel restarts. Code that runs forever is
   * stopped by {@link JShell#stop}, which needs no interrupt.
   */
  public <T> T evaluating(Callable<T> work) throws Exception {
    Thread me = Thread.currentThread();
    synchronized (held) {
      evaluating.merge(me, 1, Integer::sum);
      if (Thread.interrupted()) { // javac would meet it at its first read
        held.add(me);
      }
    }
    try {
      return work.call();
    } finally {
      synchronized (held) {
        if (evaluating.merge(me, -1, Integer::sum) == 0) {
          evaluating.remove(me);
          if (held.remove(me)) {
            me.interrupt();
          }
        }
      }
    }
  }

  /** Interrupts {@code t} now, or when it leaves {@link #evaluating}. */
  public void interrupt(Thread t) {
    synchronized (held) {
      if (evaluating.containsKey(t)) {
        held.add(t);
      } else {
        t.interrupt();
      }
    }
  }

  /** {@link JShell#eval} through {@link #evaluating}. */
  public List<SnippetEvent> eval(String source) {
    try {
      return evaluating(() -> shell.eval(source));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // shell.eval throws none
    }
  }

  /** The loader of the session's classes. */
  public ClassLoader loader() {
    return loader.get();
  }

  /**
   * A loader for values stored by any session: a class JShell named in another session ({@code
   * REPL.$JShell$17$Point}, from a run before a restart) resolves to the type of the same name
   * declared in this one. Records are rebuilt from their components, so they load across
   * sessions this way.
   */
  public ClassLoader typeLoader() {
    return new ClassLoader(loader.get()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        java.util.regex.Matcher m = WRAPPED.matcher(name);
        if (m.matches()) {
          String top = m.group(1).split("\\$")[0];
          for (var t : (Iterable<jdk.jshell.TypeDeclSnippet>) shell.types()::iterator) {
            if (t.name().equals(top) && shell.status(t).isActive()) {
              return Class.forName(className(t) + "$" + m.group(1), false, loader.get());
            }
          }
        }
        throw new ClassNotFoundException(name);
      }
    };
  }

  private static final java.util.regex.Pattern WRAPPED =
      java.util.regex.Pattern.compile("REPL\\.\\$JShell\\$\\d+\\$(.+)");

  /** The active variables by name. */
  public Map<String, VarSnippet> variables() {
    Map<String, VarSnippet> out = new LinkedHashMap<>();
    shell.variables().filter(v -> shell.status(v).isActive()).forEach(v -> out.put(v.name(), v));
    return out;
  }

  /** The active imports, methods and types, in the order they were declared. */
  public List<DeclarationSnippet> declarations() {
    List<DeclarationSnippet> out = new ArrayList<>();
    shell.snippets().filter(s -> shell.status(s).isActive())
        .filter(s -> s.kind() == Snippet.Kind.METHOD || s.kind() == Snippet.Kind.TYPE_DECL)
        .forEach(s -> out.add((DeclarationSnippet) s));
    return out;
  }

  /** The active import declarations, as written. */
  public List<String> imports() {
    return shell.imports().filter(i -> shell.status(i).isActive())
        .map(i -> i.source().strip()).toList();
  }

  /** The class JShell compiled a snippet into. */
  public String className(Snippet s) {
    return shell.sourceCodeAnalysis().wrapper(s).fullClassName();
  }

  /** The JShell-wrapped source of a declaration, as JShell compiled it. */
  public String wrapped(Snippet s) {
    return shell.sourceCodeAnalysis().wrapper(s).wrapped();
  }

  /** The live value of {@code v}. */
  public Object value(VarSnippet v) {
    try {
      return field(v).get(null);
    } catch (ReflectiveOperationException e) {
      throw new CellflowException("cannot read variable '" + v.name() + "': " + e, e);
    }
  }

  /** Sets {@code v} to {@code value}. */
  public void set(VarSnippet v, Object value) {
    try {
      field(v).set(null, value);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new CellflowException("cannot set variable '" + v.name() + "' (" + v.typeName()
          + ") to a " + (value == null ? "null" : value.getClass().getName()) + ": " + e, e);
    }
  }

  private Field field(VarSnippet v) throws ReflectiveOperationException {
    Field f = Class.forName(className(v), true, loader.get()).getDeclaredField(v.name());
    f.setAccessible(true);
    return f;
  }

  /**
   * Declares {@code type name} in the session and sets it to {@code value}: the value becomes an
   * ordinary variable, without its text passing through the compiler.
   */
  public VarSnippet bind(String name, String type, Object value) {
    VarSnippet v = declare(name, type);
    if (v == null && !type.equals("Object")) {
      v = declare(name, "Object"); // a type the kernel cannot name: keep the value anyway
    }
    if (v == null) {
      throw new CellflowException("cannot declare variable '" + name + "' in the session");
    }
    set(v, value);
    return v;
  }

  private VarSnippet declare(String name, String type) {
    for (SnippetEvent e : eval(type + " " + name + ";")) {
      if (e.snippet() instanceof VarSnippet v && e.status().isActive() && e.exception() == null
          && e.causeSnippet() == null) {
        return v;
      }
    }
    return null;
  }

  /** Evaluates declarations (imports, methods, types) as written; the first error throws. */
  public void declareAll(List<String> sources) {
    for (String src : sources) {
      for (SnippetEvent e : eval(src)) {
        if (e.causeSnippet() == null && !e.status().isDefined()) {
          throw new CellflowException("cannot restore the declaration `" + src.strip()
              + "`: " + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
        }
      }
    }
  }
}
