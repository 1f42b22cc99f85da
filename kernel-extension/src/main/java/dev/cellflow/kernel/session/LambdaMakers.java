package dev.cellflow.kernel.session;

import static dev.cellflow.internal.notebook.CellLambdas.isLambda;
import static dev.cellflow.internal.notebook.CellLambdas.serialized;

import dev.cellflow.CellflowException;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * Lambdas and method references held in variables a {@code %batch} cell reads. One travels as a
 * {@link SerializedLambda} naming the class that made it, and is rebuilt there by that class's
 * {@code $deserializeLambda$}: so the snippet that made it travels compiled, like a declaration,
 * and with it what it mentions. A lambda that cannot travel is refused before anything is stored
 * or launched, saying what to do.
 */
final class LambdaMakers {
  private LambdaMakers() {}

  /**
   * The snippets whose classes made the lambdas held by the variables in {@code names} (which
   * grows by what those snippets mention, and so on), by class name.
   *
   * @throws CellflowException naming the variable, for a lambda that cannot travel
   */
  static Map<String, Snippet> makers(JShellSession session, Set<String> names,
      Set<String> cellDeclares) {
    Map<String, Snippet> out = new LinkedHashMap<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (VarSnippet v : session.variables().values()) {
        if (!names.contains(v.name()) || cellDeclares.contains(v.name())) {
          continue;
        }
        String cls = madeIn(session.value(v), v);
        if (cls == null || out.containsKey(cls)) {
          continue;
        }
        Snippet s = snippet(session, cls, v);
        out.put(cls, s);
        grew |= names.addAll(Identifiers.of(s.source()));
      }
    }
    return out;
  }

  /** The class that made {@code value} when it is a lambda, else null; refuses what cannot go. */
  private static String madeIn(Object value, VarSnippet v) {
    if (value == null || !isLambda(value.getClass())) {
      return null;
    }
    String what = "%batch: the cell reads variable '" + v.name() + "' (" + v.typeName()
        + "), a lambda or method reference";
    if (!(value instanceof Serializable)) {
      throw new CellflowException(what + " whose type is not Serializable, so it cannot"
          + " travel; declare it with a functional interface that extends java.io.Serializable"
          + " (interface Fn extends java.io.Serializable { ... }) or cast it, e.g. ("
          + v.typeName() + " & java.io.Serializable) x -> ..., or make it inside the cell");
    }
    SerializedLambda l = serialized(value);
    for (int i = 0; i < l.getCapturedArgCount(); i++) {
      Object arg = l.getCapturedArg(i);
      if (arg != null && !(arg instanceof Serializable)) {
        throw new CellflowException(what + " that captures a " + arg.getClass().getName()
            + ", which is not Serializable (a lambda's captured values travel by Java"
            + " serialization); make that type Serializable, or make the lambda inside the"
            + " cell");
      }
    }
    return l.getCapturingClass().replace('/', '.');
  }

  /** The active snippet compiled into class {@code cls}; refuses a lambda from anywhere else. */
  private static Snippet snippet(JShellSession session, String cls, VarSnippet v) {
    for (Snippet s : (Iterable<Snippet>) session.shell().snippets()::iterator) {
      if (session.shell().status(s).isActive() && session.className(s).equals(cls)) {
        return s;
      }
    }
    throw new CellflowException("%batch: the cell reads variable '" + v.name() + "' ("
        + v.typeName() + "), a lambda or method reference made in " + cls + ", which is not a"
        + " cell of this session (a library, or a cell since redefined), so it cannot be"
        + " rebuilt on the task; assign it a lambda written in a notebook cell, or make it"
        + " inside the %batch cell");
  }
}
