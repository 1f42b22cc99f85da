package dev.cellflow.kernel.magic;

import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.cells.Cell;
import dev.cellflow.internal.cells.CellText;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.kernel.session.Identifiers;
import dev.cellflow.kernel.session.JShellSession;
import dev.cellflow.kernel.session.NotebookRun;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.VarSnippet;

/**
 * In JJava and IJava the cells between two steps run in the kernel unrecorded; the exported jar
 * runs their code at the start of the next step, which stores what it made. So that the
 * kernel's run has the same artifacts, the variables those cells declared or assigned join the
 * run's artifacts as the next step begins (its result then holds them, whether it runs here or
 * on a task).
 */
final class Unrecorded {
  private Unrecorded() {}

  /** Stores what the host's cells from number {@code from} on (none of them a step) made. */
  static void store(Host host, NotebookRun run, int from) {
    List<Cell> ran = host.ranCells();
    if (ran == null || from >= ran.size()) {
      return; // cellflow's kernel: every cell is a step already
    }
    Set<String> names = new LinkedHashSet<>();
    for (Cell c : ran.subList(from, ran.size())) {
      if (!c.failed() && !c.source().stripLeading().startsWith("%%")) {
        names.addAll(Identifiers.assigned(CellText.parse(c.source()).body()));
      }
    }
    JShellSession s = host.session();
    Map<String, VarSnippet> vars = s.variables();
    Map<String, ArtifactRef> refs = new LinkedHashMap<>();
    for (String name : names) {
      VarSnippet v = vars.get(name);
      if (v == null || name.startsWith("$")) {
        continue; // a local of a block, a field, or a value JShell named
      }
      try {
        refs.put(name, run.datastore().putArtifact(s.value(v)));
      } catch (FlowDatastore.NotStorableException e) {
        System.err.println("cellflow: variable '" + name + "' (" + v.typeName() + ") is not"
            + " stored as an artifact of " + run.pathspec() + ": " + e.getMessage());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    run.carry(refs);
  }
}
