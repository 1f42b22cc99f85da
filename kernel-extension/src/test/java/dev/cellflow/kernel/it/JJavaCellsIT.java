package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    assertTrue(result(out, 8).contains("exported flow Ext"), result(out, 8));

    // the jar has the cells that ran to their end (the refused and failed ones left out)
    String steps = jarSays(jar, "show");
    assertTrue(steps.contains("cell_2") && !steps.contains("cell_3"), steps);
    jarSays(jar, "run", "--datastore-root", dir.resolve("jarstore").toString());
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
