package dev.cellflow.kernel.ext;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.cellflow.internal.cells.Cell;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * The cells a JJava or IJava kernel ran, for {@code %flow export}. Those kernels keep no list of
 * cells and hand the extension only the magics' arguments, so: every cell evaluates snippets in
 * the kernel's JShell (magics too, which they turn into calls), and each snippet event is filed
 * under the execute request being served, whose code the kernel's comm manager holds as its
 * message context. A cell with a snippet that did not compile or threw counts as failed, as
 * cellflow's kernel counts only cells that ran to their end; a failed cell that took a step's
 * name ({@code %%step} asking for more than the kernel has) keeps its place, as a failed step.
 */
final class CellLog {
  private record Ran(String code, boolean failed, boolean step) {}

  private final Object kernel;
  private final Map<String, Ran> cells = new LinkedHashMap<>();
  /** The cell that installed the extension ({@code %classpath cellflow-kernel.jar}): not kept. */
  private final String installing;

  CellLog(Object kernel, JShell shell) {
    this.kernel = kernel;
    this.installing = requestId();
    shell.onSnippetEvent(this::seen);
  }

  private String requestId() {
    Object request = request();
    return request == null ? null : call(call(request, "getHeader"), "getId") instanceof
        String s ? s : null;
  }

  private void seen(SnippetEvent e) {
    note(e.exception() != null || e.status() == Snippet.Status.REJECTED, false);
  }

  /**
   * A magic of cellflow's ran in the current cell ({@code ok}: to its end; {@code step}: the
   * cell took a step's name of the run).
   */
  void magicRan(boolean ok, boolean step) {
    note(!ok, step);
  }

  private synchronized void note(boolean bad, boolean step) {
    Object request = request();
    String id = requestId();
    Object code = request == null ? null : call(call(request, "getContent"), "getCode");
    if (id == null || id.equals(installing) || !(code instanceof String source)) {
      return; // not a cell's snippet (the kernel's start-up, say), or the installing cell
    }
    Ran before = cells.get(id);
    cells.put(id, new Ran(source, bad || (before != null && before.failed()),
        step || (before != null && before.step())));
  }

  /**
   * The cells that ran to their end before the one being run, in the order they ran, and the
   * failed ones that took a step's name (marked failed), written as cellflow reads them ({@code
   * %%step} and {@code %%batch} cells are steps: {@link
   * dev.cellflow.internal.cells.StepCells#MARKED}); {@code ownJar} (this extension's jar) is
   * left out of {@code %jars}/{@code %classpath}: the exported jar holds cellflow already.
   */
  synchronized List<Cell> ranCells(Path ownJar) {
    String current = requestId();
    List<Cell> out = new ArrayList<>();
    cells.forEach((id, ran) -> {
      // a cell that asked for help ran nothing
      if ((!ran.failed() || ran.step()) && !id.equals(current) && !ran.code().lines()
          .findFirst().orElse("").contains("--help")) {
        out.add(new Cell(out.size() + 1, withoutJar(ran.code(), ownJar), ran.failed()));
      }
    });
    return out;
  }

  static String withoutJar(String code, Path ownJar) {
    if (ownJar == null) {
      return code;
    }
    StringBuilder b = new StringBuilder();
    for (String line : code.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("%jars") || t.startsWith("%classpath")) {
        String[] w = t.split("\\s+");
        List<String> kept = new ArrayList<>();
        for (int i = 1; i < w.length; i++) {
          if (!Path.of(w[i]).toAbsolutePath().normalize().equals(ownJar)) {
            kept.add(w[i]);
          }
        }
        line = kept.isEmpty() ? "" : w[0] + " " + String.join(" ", kept);
      }
      b.append(b.isEmpty() ? "" : "\n").append(line);
    }
    return b.toString();
  }

  /** The execute request the kernel is serving: its comm manager's message context. */
  private Object request() {
    Object comms = call(kernel, "getCommManager");
    for (Class<?> c = comms == null ? null : comms.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField("context");
        f.setAccessible(true);
        return f.get(comms);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // look further up
      }
    }
    return null;
  }

  private static Object call(Object target, String method) {
    if (target == null) {
      return null;
    }
    Method m = ReflectiveHost.find(target.getClass(), method);
    try {
      return m == null ? null : m.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
