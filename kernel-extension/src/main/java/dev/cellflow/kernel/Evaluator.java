package dev.cellflow.kernel;

import dev.cellflow.kernel.session.JShellSession;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates a cell's code in the session, one snippet at a time, stopping at the first that
 * does not compile or throws. The value of a trailing expression is the live object (read from
 * its variable), so the notebook can render it richly.
 */
final class Evaluator {
  private final JShellSession session;
  private final JShell shell;
  private volatile boolean interrupted;

  Evaluator(JShellSession session) {
    this.session = session;
    this.shell = session.shell();
  }

  /** Runs {@code code}; returns the value of its last snippet when that is an expression. */
  Object eval(String code) {
    interrupted = false;
    SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
    Object last = null;
    SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(code);
    while (info.completeness().isComplete()) {
      last = evalOne(info.source());
      info = sca.analyzeCompletion(info.remaining());
    }
    if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
      throw new CellException("incomplete code at the end of the cell:\n"
          + info.remaining().strip());
    }
    // printf, format and append return the stream they wrote to: a cell ending in
    // System.out.printf(...) would show "java.io.PrintStream@1b2c3d" under its text
    return last == System.out || last == System.err ? null : last;
  }

  private Object evalOne(String src) {
    Object value = null;
    List<SnippetEvent> events = session.eval(src);
    if (interrupted) { // a stopped snippet may leave no event at all
      throw new CellException("interrupted: the cell was stopped");
    }
    for (SnippetEvent e : events) {
      if (e.causeSnippet() != null) {
        continue; // a dependent snippet updated: not this cell's doing
      }
      JShellException x = e.exception();
      if (x != null) {
        throw failure(x);
      }
      Snippet s = e.snippet();
      if (!e.status().isDefined()) {
        throw new CellException(compileErrors(s));
      }
      if (s instanceof VarSnippet v
          && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
        value = session.value(v);
      } else if (s instanceof ExpressionSnippet x2
          && x2.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND) {
        VarSnippet v = session.variables().get(x2.name());
        value = v == null ? null : session.value(v);
      }
    }
    return value;
  }

  private CellException failure(JShellException x) {
    if (x instanceof UnresolvedReferenceException u) {
      return new CellException("'" + u.getSnippet().source().strip() + "' uses what is not"
          + " defined: " + shell.unresolvedDependencies(u.getSnippet())
          .collect(Collectors.joining(", ")));
    }
    return new CellException(trace(x), x);
  }

  /**
   * The exception as a trace: its class and message, its frames without JShell's own, and each
   * cause the same way after {@code Caused by:}, with the frames it shares with the one before
   * left out as the JDK does. JShell hands the cell's exception and each of its causes over as
   * {@link EvalException}s: the class named is the one the cell threw.
   */
  static String trace(Throwable x) {
    StringBuilder b = new StringBuilder();
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    StackTraceElement[] outer = new StackTraceElement[0];
    for (Throwable t = x; t != null && seen.add(t); t = t.getCause()) {
      String type = t instanceof EvalException ee ? ee.getExceptionClassName()
          : t.getClass().getName();
      b.append(t == x ? "" : "Caused by: ").append(type)
          .append(t.getMessage() == null ? "" : ": " + t.getMessage()).append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      int shared = 0;
      while (t != x && shared < frames.length && shared < outer.length
          && frames[frames.length - 1 - shared].equals(outer[outer.length - 1 - shared])) {
        shared++;
      }
      for (int i = 0; i < frames.length - shared; i++) {
        String f = frames[i].toString();
        if (!f.contains("jdk.jshell") && !f.contains("java.base/jdk.internal.reflect")
            && !f.contains("java.lang.reflect.Method.invoke")
            && !f.contains(SessionEngine.class.getName())) {
          b.append("\tat ").append(f).append('\n');
        }
      }
      if (shared > 0) {
        b.append("\t... ").append(shared).append(" more\n");
      }
      outer = frames;
    }
    return b.toString().stripTrailing();
  }

  private String compileErrors(Snippet s) {
    List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).toList();
    StringBuilder b = new StringBuilder();
    String src = s.source();
    for (Diag d : diags) {
      int line = (int) src.substring(0, (int) Math.max(0, Math.min(d.getPosition(),
          src.length()))).chars().filter(c -> c == '\n').count() + 1;
      b.append("error: ").append(d.getMessage(Locale.ROOT)).append("\n  in `")
          .append(src.lines().skip(line - 1).findFirst().orElse("").strip()).append("`\n");
    }
    if (s instanceof DeclarationSnippet d) {
      String missing = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
      if (!missing.isEmpty()) {
        b.append("not defined: ").append(missing).append('\n');
      }
    }
    return b.length() == 0 ? "the cell does not compile: " + src.strip() : b.toString().strip();
  }

  /** Stops the code the session is running. */
  void interrupt() {
    interrupted = true;
    shell.stop();
  }
}
