package dev.cellflow.internal.cells;

import dev.cellflow.CellflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/** Compiles a generated flow class in memory with javac; errors name the notebook's cell. */
final class FlowCompiler {
  private FlowCompiler() {}

  /** The class files (by binary name) of {@code source}, class {@code className}. */
  static Map<String, byte[]> compile(String what, String className, GeneratedSource source,
      String classpath) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new CellflowException("exporting needs a JDK (javac), and this Java is a JRE: "
          + System.getProperty("java.home"));
    }
    JavaFileObject file = new MemorySource(className, source.toString());
    Map<String, byte[]> classes = new TreeMap<>();
    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    JavaFileManager files = new MemoryOutput(javac.getStandardFileManager(diags, null, null),
        classes);
    List<String> options = List.of("-classpath", classpath, "-proc:none", "-g", "-parameters",
        "--release", "17", "-Xlint:none", "-nowarn");
    boolean ok = javac.getTask(null, files, diags, options, null, List.of(file)).call();
    if (!ok) {
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          GeneratedSource.Origin o = source.origin(d.getLineNumber());
          errors.add(o.cell() == 0 ? "in the code cellflow wraps around the cells: "
              + d.getMessage(null) + " (steps are named start, cell_N and end, and a flow class"
              + " has FlowSpec's methods: a cell may not declare a method of such a name)"
              : "cell " + o.cell() + ", line " + o.line() + ": " + d.getMessage(null));
        }
      }
      throw new CellflowException(what + " does not compile as a flow class: "
          + String.join("; ", errors));
    }
    return classes;
  }
}
