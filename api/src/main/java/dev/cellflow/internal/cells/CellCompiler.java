package dev.cellflow.internal.cells;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.cellflow.CellflowException;
import dev.cellflow.internal.notebook.CellClasses;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a remote cell to real classes with javac, in the kernel before it is shipped: the
 * declaration units under the session's own class names (so a record made in the kernel is the
 * same class in the task), and the cell's body as the method {@code run()} of the class {@value
 * #CELL_CLASS}, its top-level variables locals that the method returns by name. Lambdas and
 * records in cell code are ordinary compiled code. The task only defines the classes ({@link
 * #load}): javac is warm in the kernel (JShell uses it) and would be the largest part of a fresh
 * task process's time.
 */
public final class CellCompiler {
  /** The binary name of the class the cell's body becomes ({@link CellClasses#CELL_CLASS}). */
  public static final String CELL_CLASS = CellClasses.CELL_CLASS;

  /** The thread javac runs on: see {@link #compile}. */
  private static final ExecutorService JAVAC = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "cellflow-javac");
    t.setDaemon(true);
    t.setContextClassLoader(CellCompiler.class.getClassLoader());
    return t;
  });

  private CellCompiler() {}

  /**
   * A compiled cell.
   *
   * @param classes its class files by binary name
   * @param types the declared type of each top-level variable the body declares, in order
   * @param assigned the input variables the body assigns
   */
  public record Compiled(Map<String, byte[]> classes, Map<String, String> types,
      Set<String> assigned) {

    /** A loader that defines the classes, everything else coming from {@code parent}. */
    public ClassLoader load(ClassLoader parent) {
      return CellCompiler.load(classes, parent);
    }
  }

  /**
   * Compiles {@code p} against the class path this code runs from ({@link SessionClasspath})
   * plus {@code extraClasspath}: that is the code package its tasks run on, so the classes
   * link there.
   *
   * @throws CellflowException naming the cell line and javac's message when it does not compile
   */
  public static Compiled compile(CellSource p, List<String> extraClasspath) {
    // javac reads jars through file channels, and an interrupt of the reading thread closes its
    // channel for good: the kept file manager would then fail every later compile. So javac
    // runs on a thread no one interrupts; an interrupt of the caller (a kernel interrupt while
    // a cell ships) waits for the compile, which takes a second at most, and stays set
    Future<Compiled> done = JAVAC.submit(() -> {
      synchronized (KeptFileManager.class) { // one compile at a time uses the kept file manager
        return compileKept(p, extraClasspath);
      }
    });
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return done.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error r) {
            throw r;
          }
          throw new CellflowException("compiling the cell failed: " + e.getCause(), e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Compiled compileKept(CellSource p, List<String> extraClasspath) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new CellflowException("this kernel's Java runtime has no compiler (jdk.compiler);"
          + " remote cells are compiled in the kernel, which needs a JDK, not a JRE");
    }
    // where this code came from, not java.class.path alone: a kernel may load cellflow and
    // the session's jars with a class loader of its own (SessionClasspath)
    Set<String> entries = new LinkedHashSet<>(SessionClasspath.of(
        CellCompiler.class.getClassLoader()));
    entries.addAll(extraClasspath);
    String cp = String.join(File.pathSeparator, entries);
    StandardJavaFileManager std = KeptFileManager.get(javac, cp);
    Set<String> inputs = p.inputs();
    Set<String> assigned = new LinkedHashSet<>();
    List<String> declared = declaredNames(javac, std, p, inputs, assigned);
    String cellSource = cellSource(p, declared);

    List<JavaFileObject> sources = new ArrayList<>();
    for (CellSource.Unit u : p.units()) {
      sources.add(new Source(u.className(), u.source()));
    }
    Source cell = new Source(CELL_CLASS, cellSource);
    sources.add(cell);

    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    Map<String, byte[]> classes = new HashMap<>();
    Map<String, String> types = new LinkedHashMap<>();
    try {
      JavacTask task = (JavacTask) javac.getTask(null, new MemoryOutput(std, classes), diags,
          List.of("-proc:none", "-g", "-parameters", "-nowarn"), null, sources);
      Iterable<? extends CompilationUnitTree> units = task.parse();
      task.analyze();
      failOnErrors(diags, cell);
      Trees trees = Trees.instance(task);
      for (CompilationUnitTree unit : units) {
        if (unit.getSourceFile().toUri().equals(cell.toUri())) {
          for (StatementTree s : runBody(unit).getStatements()) {
            if (s instanceof VariableTree v && declared.contains(v.getName().toString())) {
              Element e = trees.getElement(TreePath.getPath(unit, v));
              types.putIfAbsent(v.getName().toString(), kernelType(e.asType().toString()));
            }
          }
        }
      }
      task.generate();
      failOnErrors(diags, cell);
    } catch (java.io.IOException e) {
      throw new CellflowException("compiling the cell failed: " + e.getMessage(), e);
    }
    return new Compiled(Map.copyOf(classes), types, assigned);
  }

  /** A loader that defines {@code classes} (class files by binary name) over {@code parent}. */
  public static ClassLoader load(Map<String, byte[]> classes, ClassLoader parent) {
    return CellClasses.load(classes, parent);
  }

  /**
   * A type as the kernel can declare it: the session's wrapper classes left out, so {@code
   * Point} names the kernel's current {@code Point}; a type no one can write is {@code Object}.
   */
  static String kernelType(String javacType) {
    String t = javacType.replaceAll("REPL\\.\\$JShell\\$\\d+\\.", "")
        .replaceAll("\\bjava\\.lang\\.(?=[A-Z])", "");
    return t.contains("capture#") || t.contains("&") || t.contains("<anonymous") ? "Object" : t;
  }

  /** The body's top-level variable names, in order; records assignments to inputs. */
  private static List<String> declaredNames(JavaCompiler javac, StandardJavaFileManager std,
      CellSource p, Set<String> inputs, Set<String> assigned) {
    Source only = new Source(CELL_CLASS, cellSource(p, List.of()));
    JavacTask parse = (JavacTask) javac.getTask(null, std, d -> { }, List.of("-proc:none"),
        null, List.of(only));
    List<String> names = new ArrayList<>();
    try {
      for (CompilationUnitTree unit : parse.parse()) {
        BlockTree body = runBody(unit);
        for (StatementTree s : body.getStatements()) {
          if (s instanceof VariableTree v && !v.getName().toString().startsWith("$")) {
            names.add(v.getName().toString());
          }
        }
        new Assignments(inputs, assigned).scan(body, null);
      }
    } catch (java.io.IOException e) {
      throw new CellflowException("parsing the cell failed: " + e.getMessage(), e);
    }
    return names;
  }

  /** Finds assignments, compound assignments and increments of the input variables. */
  private static final class Assignments extends TreeScanner<Void, Void> {
    private final Set<String> inputs;
    private final Set<String> found;

    Assignments(Set<String> inputs, Set<String> found) {
      this.inputs = inputs;
      this.found = found;
    }

    private void target(ExpressionTree t) {
      if (t instanceof IdentifierTree id && inputs.contains(id.getName().toString())) {
        found.add(id.getName().toString());
      }
    }

    @Override
    public Void visitAssignment(AssignmentTree t, Void v) {
      target(t.getVariable());
      return super.visitAssignment(t, v);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree t, Void v) {
      target(t.getVariable());
      return super.visitCompoundAssignment(t, v);
    }

    @Override
    public Void visitUnary(UnaryTree t, Void v) {
      Tree.Kind k = t.getKind();
      if (k == Tree.Kind.PREFIX_INCREMENT || k == Tree.Kind.PREFIX_DECREMENT
          || k == Tree.Kind.POSTFIX_INCREMENT || k == Tree.Kind.POSTFIX_DECREMENT) {
        target(t.getExpression());
      }
      return super.visitUnary(t, v);
    }
  }

  private static BlockTree runBody(CompilationUnitTree unit) {
    for (Tree t : unit.getTypeDecls()) {
      if (t instanceof ClassTree c) {
        for (Tree m : c.getMembers()) {
          if (m instanceof MethodTree mt && mt.getName().contentEquals("run")) {
            return mt.getBody();
          }
        }
      }
    }
    throw new IllegalStateException("no run() in the cell class");
  }

  /** The line of the generated cell source where the cell's body starts. */
  private static final String BODY_MARK = "// ---- cell ----";

  private static String cellSource(CellSource p, List<String> declared) {
    StringBuilder s = new StringBuilder("package REPL;\n");
    for (String imp : p.imports()) {
      s.append(imp.strip()).append('\n');
    }
    for (CellSource.Unit u : p.units()) {
      s.append("import static ").append(u.className()).append(".*;\n");
    }
    s.append("public class ").append(CELL_CLASS.substring(5)).append(" {\n")
        .append("  public static java.util.Map<String, Object> run() throws Throwable {\n")
        .append("    java.util.Map<String, Object> $out = new java.util.LinkedHashMap<>();\n")
        .append(BODY_MARK).append('\n')
        .append(p.body()).append("\n;\n");
    for (String name : new LinkedHashSet<>(declared)) {
      s.append("    $out.put(\"").append(name).append("\", ").append(name).append(");\n");
    }
    return s.append("    return $out;\n  }\n}\n").toString();
  }

  private static void failOnErrors(DiagnosticCollector<JavaFileObject> diags, Source cell) {
    List<String> errors = new ArrayList<>();
    int bodyLine = cell.bodyLine();
    for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String msg = d.getMessage(Locale.ROOT).replace('\n', ' ').replaceAll("\\s+", " ");
      if (d.getSource() == cell && d.getLineNumber() > bodyLine) {
        errors.add("cell line " + (d.getLineNumber() - bodyLine) + ": " + msg);
      } else if (d.getSource() instanceof Source src) {
        errors.add("in " + src.className() + " (shipped from an earlier cell): " + msg);
      } else {
        errors.add(msg);
      }
    }
    if (!errors.isEmpty()) {
      throw new CellflowException("the cell does not compile as a task: "
          + String.join("; ", errors));
    }
  }

  /** A cell's source, which knows where the cell's own lines start. */
  private static final class Source extends MemorySource {
    Source(String className, String code) {
      super(className, code);
    }

    int bodyLine() {
      String before = code().substring(0, Math.max(0, code().indexOf(BODY_MARK)));
      return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }
  }
}
