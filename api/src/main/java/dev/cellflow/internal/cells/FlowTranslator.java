package dev.cellflow.internal.cells;

import dev.cellflow.CellflowException;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * Splits a flow notebook's cells into JShell snippets, compiled but never run, and sorts them
 * into what a flow class is made of: imports, types and methods at class level, each top-level
 * variable a field (an artifact), and each step cell's statements a step method.
 */
final class FlowTranslator {

  /** A piece of code and where it came from. */
  record Code(String text, int cell, int line) {}

  /** A step: its cell, decorators and body statements. */
  record StepCode(String name, CellMagics magics, List<Code> body) {}

  /**
   * A flow notebook sorted into the parts of a class; {@code kernelOnly} names the fields that
   * are no artifacts (transient): what JJava's unrecorded cells after the last step made.
   */
  record Parts(String flowName, List<String> imports, Map<String, String> fields,
      Map<String, Code> types, Map<String, Code> methods, List<StepCode> steps,
      java.util.Set<String> kernelOnly) {}

  private FlowTranslator() {}

  /**
   * Sorts {@code cells} into {@link Parts}; {@code classpath} is what their code compiles
   * against. The cells before {@code %flow NAME} make the {@code start} step; from the {@code
   * %flow} cell on, each cell that {@code rule} makes a step is a step {@code cell_N}, N counting
   * those cells, up to {@code %flow end}: the kernel's names (cellflow's kernel runs the {@code
   * %flow} cell's own code as its first step). Under {@link StepCells#MARKED} the other cells'
   * code runs at the start of the next step, or in {@code end} after the last one; a variable
   * only that code in {@code end} uses is no artifact (the kernel stored none of theirs).
   */
  static Parts translate(String what, List<CellMagics> cells, String classpath,
      StepCells rule) {
    int flowCell = -1;
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).flowName() != null) {
        if (flowCell >= 0) {
          throw new CellflowException(what + ": cell " + cells.get(i).cell().number()
              + " starts a second flow (%flow " + cells.get(i).flowName() + ") after cell "
              + cells.get(flowCell).cell().number() + "; a notebook is one flow");
        }
        flowCell = i;
      }
    }
    if (flowCell < 0) {
      throw new CellflowException(what + " is not a flow: no cell has %flow NAME; add a line"
          + " such as %flow MyFlow to its first cell");
    }
    Parts parts = new Parts(cells.get(flowCell).flowName(), new ArrayList<>(),
        new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(),
        new java.util.LinkedHashSet<>());
    try (JShell shell = JShell.builder().executionEngine(new CompileOnlyEngine(), Map.of())
        .build()) {
      for (String p : (classpath + File.pathSeparator + jars(cells))
          .split(File.pathSeparator)) {
        if (!p.isBlank()) {
          shell.addToClasspath(p);
        }
      }
      NotebookImports.DEFAULT.forEach(i -> shell.eval("import " + i + ";"));
      StepCode start = new StepCode("start", cells.get(flowCell), new ArrayList<>());
      parts.steps().add(start);
      // MARKED: the code of cells that are no step, run before the next step
      StepCode between = new StepCode("end", cells.get(flowCell), new ArrayList<>());
      int step = 0;
      for (int i = 0; i < cells.size(); i++) {
        CellMagics c = cells.get(i);
        if (i > flowCell && c.endsFlow()) {
          break;
        }
        StepCode into = start;
        if (i >= flowCell) {
          if (!c.isStep(rule)) {
            if (rule == StepCells.EVERY) {
              continue; // magics alone: the kernel runs no step for it either
            }
            sort(shell, c, between, parts);
            continue;
          }
          // numbered as the kernel numbers the cells it runs as steps after %flow (failed
          // ones too), so a notebook run in the kernel and its exported jar have steps of the
          // same names
          into = new StepCode("cell_" + ++step, c, new ArrayList<>(between.body()));
          between.body().clear();
        }
        sort(shell, c, into, parts);
        if (into != start) {
          parts.steps().add(into);
        }
      }
      if (!between.body().isEmpty()) {
        parts.steps().add(between);
        parts.kernelOnly().addAll(onlyIn(between, parts));
      }
    }
    return parts;
  }

  /** The fields that {@code end}'s code uses and no other step's. */
  private static List<String> onlyIn(StepCode end, Parts parts) {
    java.util.Set<String> elsewhere = new java.util.HashSet<>();
    for (StepCode s : parts.steps()) {
      if (s != end) {
        elsewhere.addAll(names(s.body()));
      }
    }
    parts.methods().values().forEach(c -> elsewhere.addAll(JavaTrees.namesUsed(c.text())));
    java.util.Set<String> used = names(end.body());
    return parts.fields().keySet().stream().filter(used::contains)
        .filter(f -> !elsewhere.contains(f)).toList();
  }

  /** The names a step body uses, {@code this.x} (a variable's declaration) included. */
  private static java.util.Set<String> names(List<Code> body) {
    String src = body.stream().map(Code::text).collect(Collectors.joining("\n"));
    java.util.Set<String> out = new java.util.HashSet<>(JavaTrees.namesUsed(
        "void body() throws Exception {\n" + src + "\n}"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bthis\\.(\\w+)")
        .matcher(src);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String jars(List<CellMagics> cells) {
    return cells.stream().flatMap(c -> c.jars().stream()).map(Object::toString)
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Evaluates (compiles) one cell's snippets and files each under its part. */
  private static void sort(JShell shell, CellMagics c, StepCode into, Parts parts) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String rest = c.code();
    int line = 1;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      String src = info.source();
      if (src == null || src.isBlank()) {
        throw new CellflowException("cell " + c.cell().number() + ", line " + line
            + ": the code is incomplete (" + info.completeness() + "): " + rest.strip());
      }
      String consumed = rest.substring(0, rest.length() - info.remaining().length());
      int first = line + leadingLines(consumed);
      line += (int) consumed.chars().filter(ch -> ch == '\n').count();
      rest = info.remaining();
      file(shell, c, src, first, into, parts, info.remaining().isBlank());
    }
  }

  private static int leadingLines(String s) {
    int n = 0;
    for (int i = 0; i < s.length() && Character.isWhitespace(s.charAt(i)); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private static void file(JShell shell, CellMagics c, String src, int line, StepCode into,
      Parts parts, boolean last) {
    int cell = c.cell().number();
    for (SnippetEvent e : shell.eval(src)) {
      if (e.causeSnippet() != null) {
        continue; // an update of an earlier snippet, not this one
      }
      Snippet s = e.snippet();
      if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
        String why = shell.diagnostics(s).map(d -> d.getMessage(null))
            .collect(Collectors.joining("; "));
        throw new CellflowException("cell " + cell + ", line " + line + ": does not compile as"
            + " part of a flow class: " + (why.isEmpty() ? s.source().strip() : why));
      }
      if (e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED
          || e.status() == Snippet.Status.RECOVERABLE_DEFINED) {
        String missing = String.join(", ", unresolved(shell, s));
        throw new CellflowException("cell " + cell + ", line " + line + ": refers to "
            + (missing.isEmpty() ? "something" : missing) + " that no earlier cell defines");
      }
      Code code = new Code(s.source(), cell, line);
      if (s instanceof ImportSnippet i) {
        parts.imports().add(i.source().strip());
      } else if (s instanceof TypeDeclSnippet t) {
        parts.types().put(t.name(), code);
      } else if (s instanceof MethodSnippet m) {
        parts.methods().put(m.name() + "(" + m.parameterTypes() + ")", code);
      } else if (s instanceof VarSnippet v
          && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
        // a bare expression with a value: JShell names it $N, a flow keeps no such artifact
        into.body().add(new Code(value(v.source(), last), cell, line));
      } else if (s instanceof VarSnippet v) {
        var(v, code, into, parts);
      } else if (s instanceof ExpressionSnippet x) {
        into.body().add(new Code(expression(x, last), cell, line));
      } else {
        into.body().add(new Code(statement(s.source()), cell, line));
      }
    }
  }

  private static List<String> unresolved(JShell shell, Snippet s) {
    if (s instanceof jdk.jshell.DeclarationSnippet d) {
      return shell.unresolvedDependencies(d).toList();
    }
    return shell.diagnostics(s).map(Diag::getCode).toList();
  }

  private static void var(VarSnippet v, Code code, StepCode into, Parts parts) {
    String known = parts.fields().get(v.name());
    if (known != null && !known.equals(v.typeName())) {
      throw new CellflowException("cell " + code.cell() + ", line " + code.line() + ": "
          + v.name() + " was declared as " + known + " before and is declared as "
          + v.typeName() + " here; an artifact keeps one type: give one of them another name");
    }
    parts.fields().put(v.name(), v.typeName());
    String init = JavaTrees.initializer(v.source(), v.name(), v.typeName());
    if (init != null) {
      into.body().add(new Code("this." + v.name() + " = " + init + ";", code.cell(),
          code.line()));
    }
  }

  /** An expression statement; a value on a cell's last line is printed, as a notebook shows. */
  private static String expression(ExpressionSnippet x, boolean last) {
    String src = x.source().strip();
    String expr = src.endsWith(";") ? src.substring(0, src.length() - 1) : src;
    if (x.subKind() == Snippet.SubKind.ASSIGNMENT_SUBKIND || x.typeName().equals("void")) {
      return expr + ";";
    }
    return value(expr, last);
  }

  /**
   * An expression evaluated for its effects; on a cell's last line its value is printed, as a
   * notebook shows it, unless it is the result of a call (a call is made for what it does, and
   * printing what {@code printf} returns would be noise in a task's log).
   */
  private static String value(String src, boolean last) {
    String expr = src.strip();
    expr = expr.endsWith(";") ? expr.substring(0, expr.length() - 1) : expr;
    if (JavaTrees.isStatementExpression(expr)) {
      return expr + ";";
    }
    return last ? "System.out.println(" + expr + ");" : "java.util.Objects.toString(" + expr
        + ");";
  }

  private static String statement(String src) {
    String s = src.strip();
    return s.endsWith(";") || s.endsWith("}") ? s : s + ";";
  }
}
