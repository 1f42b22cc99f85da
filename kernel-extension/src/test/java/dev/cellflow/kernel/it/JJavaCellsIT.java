package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cellflow.TaskStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The magics as a JJava or IJava kernel has them (JJava's kernel cannot be resolved here; checked
 * by hand against JJava 1.0-a7 and IJava 1.3.0): cellflow's kernel, driven by jupyter_client,
 * has the JJava extension's magics installed over its own by its first cell, so that its cells
 * reach them only as JJava's do: line magics see their arguments, {@code %%step} and {@code
 * %%batch} the cell, and nothing hands the other cells to cellflow.
 */
class JJavaCellsIT {
  @TempDir
  static Path dir;

  private static final String INSTALL = """
      var m = Class.forName("dev.cellflow.kernel.ext.CellflowExtension")
          .getDeclaredMethod("installInto", org.dflib.jjava.jupyter.kernel.BaseKernel.class);
      m.setAccessible(true);
      m.invoke(null, org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel());""";

  private static Map<String, Object> cell(String code) {
    return Map.of("code", code);
  }

  private static String error(JsonNode cells, int i) {
    JsonNode e = cells.get(i).get("error");
    assertTrue(!e.isNull(), "cell " + i + " should fail: " + cells.get(i));
    return e.toString();
  }

  private static String result(JsonNode cells, int i) {
    assertTrue(cells.get(i).get("error").isNull(), "cell " + i + " failed: "
        + cells.get(i).get("error"));
    return cells.get(i).get("result").asText();
  }

  @Test
  void resourcesStepAndExportWorkAsInJJava() throws Exception {
    Jupyter jupyter = Jupyter.install(dir);
    Path jar = dir.resolve("Ext.jar");
    JsonNode out = jupyter.cells(List.of(
        cell(INSTALL),
        cell("%flow Ext"),
        cell("%resources memory=99999999\nint big = 1;"),
        cell("int plain = 2;"),
        cell("%%step\nint z = plain + 1;\nz"),
        cell("%%step --help\nint unused = 0;"),
        cell("%%step memory=99999999\nint tooBig = 1;"),
        cell("%%step\nint bad = \"text\";"),
        cell("int after = z + plain;"),
        cell("%%batch backend=local\nint remote = after * 10;"),
        cell("String shown = \"remote=\" + remote;\nshown"),
        cell("%flow export " + jar)));

    // %flow says which cells are steps there
    assertTrue(result(out, 1).contains("each cell from here that starts with %%step or %%batch"
        + " is a step"), result(out, 1));
    // %resources is checked in its own cell, at once...
    assertTrue(error(out, 2).contains("%resources: this cell asks for 99999999 MB"),
        error(out, 2));
    // ...and not kept for the next %%step cell
    assertEquals("3", result(out, 4));
    assertTrue(result(out, 5).contains("%%step [memory=MB] [cpu=N] [gpu=N]"), result(out, 5));
    assertTrue(error(out, 6).contains("%resources: this cell asks for 99999999 MB"),
        error(out, 6));
    assertTrue(error(out, 7).contains("incompatible types"), error(out, 7));
    assertEquals("remote=50", result(out, 10));
    assertTrue(result(out, 11).contains("exported flow Ext"), result(out, 11));

    // the kernel's run: the %%step and %%batch cells are its steps (the refused and the failed
    // one too); what the other cells before a step made is stored with it
    Run kernelRun = latest(jupyter.store);
    assertEquals(List.of("cell_1", "cell_2", "cell_3", "cell_4"), steps(kernelRun));
    assertEquals(TaskStatus.FAILED, kernelRun.step("cell_2").task().status());
    Map<String, Object> kernel = finalArtifacts(kernelRun);
    assertEquals(Map.of("plain", 2, "z", 3, "after", 5, "remote", 50), kernel);

    // the jar: the same steps by name, and the same artifacts at its end
    String plan = jarSays(jar, "show");
    assertTrue(plan.contains("cell_4") && !plan.contains("cell_5"), plan);
    Path store = dir.resolve("jarstore");
    jarSays(jar, "run", "--datastore-root", store.toString());
    Run run = latest(store);
    assertEquals(steps(kernelRun), steps(run));
    assertEquals(kernel, finalArtifacts(run));
  }

  private static Run latest(Path store) {
    return Flow.in(new LocalStorage(store), "Ext").latestRun().orElseThrow();
  }

  /** The steps of a run, by name, the flow class's own start and end left out. */
  private static List<String> steps(Run run) {
    return run.steps().stream().map(s -> s.name())
        .filter(s -> !s.equals("start") && !s.equals("end")).sorted().toList();
  }

  /** The artifacts of the last step that succeeded, values loaded. */
  private static Map<String, Object> finalArtifacts(Run run) {
    Map<String, Object> out = new TreeMap<>();
    var steps = run.steps().stream().filter(s -> s.task().status() == TaskStatus.SUCCEEDED)
        .toList();
    steps.get(steps.size() - 1).task().artifacts().forEach((k, v) -> out.put(k, v.value()));
    return out;
  }

  private static String jarSays(Path jar, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(Jupyter.java(), "-jar",
        jar.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), printed);
    assertEquals(0, p.exitValue(), String.join(" ", args) + ": " + printed);
    return printed;
  }
}
