package dev.cellflow.internal.serialize;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * The classes a stored artifact may name when it is read back (by Java serialization, or as a
 * record or enum rebuilt by {@link ValueSerializer}): JDK value types, cellflow's own types, the
 * code this process runs or its caller names in code, and what {@code
 * CELLFLOW_SERIALIZATION_ALLOW} adds. Nothing read from a datastore ever widens it: a tampered
 * {@code _run.json} naming a flow class must not open the process to a library's gadget chain.
 *
 * <p>"The code this process runs" is the flow class it runs ({@link #trustFlow}, from the class
 * itself, never its name in a record), and the notebook cells of a JShell session ({@link
 * #trustNotebookCells}). Only those, and configured packages, may be the capturing class of a
 * lambda read back.
 */
public final class AllowList {
  private static final List<String> JDK = List.of("java.lang.", "java.util.", "java.time.",
      "java.math.", "java.net.URI", "java.io.File", "dev.cellflow.");
  // java.lang.reflect and java.lang.invoke are part of known chains; no value needs them
  private static final List<String> DENIED = List.of("java.lang.reflect.", "java.lang.invoke.",
      "java.util.logging.", "java.lang.ProcessBuilder", "java.lang.Runtime");
  /** A lambda travels as this; read back only for code {@link #ownCode} accepts. */
  static final String LAMBDA = "java.lang.invoke.SerializedLambda";
  /** JShell defines notebook cells' classes in this package. */
  private static final String NOTEBOOK = "REPL.";
  private static final Pattern PACKAGE = Pattern.compile(
      "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
          + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  /** Trusted code: package prefixes ({@code a.b.}), or {@code ""} for the default package. */
  private static final Set<String> TRUSTED = new CopyOnWriteArraySet<>();
  private static volatile List<String> configured;

  private AllowList() {}

  /**
   * Allows the classes of {@code flowClass}'s package (and its subpackages, for a package of two
   * or more names) to be read back: the flow this process runs, or that its caller names in code
   * ({@code Flow.of(MyFlow.class)}). A flow in the default package allows the default package
   * only, which holds no library's classes.
   */
  public static void trustFlow(Class<?> flowClass) {
    TRUSTED.add(flowClass.getPackageName().isEmpty() ? "" : flowClass.getPackageName() + ".");
  }

  /** Allows the classes of a notebook's cells (JShell's package {@code REPL}). */
  public static void trustNotebookCells() {
    TRUSTED.add(NOTEBOOK);
  }

  /** Whether the allow-list accepts the class {@code name}. */
  static boolean allowed(String name) {
    for (String d : DENIED) {
      if (name.startsWith(d)) {
        return name.equals(LAMBDA); // its capturing class is checked on its own: ownCode
      }
    }
    for (String a : JDK) {
      if (name.startsWith(a)) {
        return true;
      }
    }
    return ownCode(name);
  }

  /** Whether {@code name} is trusted code (a flow's, a notebook's, or configured). */
  static boolean ownCode(String name) {
    for (String t : TRUSTED) {
      if (t.isEmpty() ? name.indexOf('.') < 0 : within(name, t)) {
        return true;
      }
    }
    for (String c : configured()) {
      if (name.equals(c) || name.startsWith(c + ".") || name.startsWith(c + "$")) {
        return true;
      }
    }
    return false;
  }

  /** {@code name} is in package {@code prefix} (ends with a dot), or in a subpackage of a long one. */
  private static boolean within(String name, String prefix) {
    if (!name.startsWith(prefix)) {
      return false;
    }
    // "com." would admit every library under com: a one-name package stands for itself only
    return prefix.indexOf('.') < prefix.length() - 1 || name.indexOf('.', prefix.length()) < 0;
  }

  /**
   * The packages (or classes) {@code CELLFLOW_SERIALIZATION_ALLOW} names, comma-separated; an
   * error naming the variable for an entry that is not a Java name ({@code *} included: cellflow
   * never reads every class back).
   */
  static List<String> configured() {
    List<String> c = configured;
    if (c == null) {
      c = parse(Config.load().get("serializationAllow", ""));
      configured = c;
    }
    return c;
  }

  /** The entries of a {@code CELLFLOW_SERIALIZATION_ALLOW} value. */
  static List<String> parse(String value) {
    List<String> out = new ArrayList<>();
    for (String p : value.split(",")) {
      String e = p.strip();
      if (e.endsWith(".*")) {
        e = e.substring(0, e.length() - 2);
      } else if (e.endsWith(".")) {
        e = e.substring(0, e.length() - 1);
      }
      if (p.isBlank()) {
        continue;
      }
      if (!PACKAGE.matcher(e).matches()) {
        throw new CellflowException(Config.envName("serializationAllow") + ": '" + p.strip()
            + "' is not a package or class name; give packages whose classes may be read back,"
            + " comma-separated (e.g. com.example.model,org.acme.Point)");
      }
      out.add(e);
    }
    return List.copyOf(out);
  }

  /** What to do about a class the allow-list refuses, for messages. */
  static String advice(String name) {
    int dot = name.lastIndexOf('.');
    String pkg = dot < 0 ? name : name.substring(0, dot);
    String top = name.substring(dot + 1).split("\\$")[0];
    return "a flow's own classes are read back when its class is named in code, as"
        + " Flow.of(" + top + ".class) does; otherwise, if you trust it, add its package to "
        + Config.envName("serializationAllow") + " (" + Config.envName("serializationAllow")
        + "=" + pkg + ")";
  }
}
