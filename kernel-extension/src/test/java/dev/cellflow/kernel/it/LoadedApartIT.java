package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cellflow.internal.metadata.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cellflow's kernel started by Jupyter the way IJava 1.3.0 holds cellflow: its classes loaded by
 * a class loader of their own ({@code LoadKernel.java}), {@code java.class.path} naming none of
 * its jars. A {@code %batch} cell still compiles and its task process starts: both take their
 * class path from the class loaders the kernel's code came from; so do jars a cell adds with
 * {@code %jars}, and a Tablesaw table made on the task is read back here.
 */
class LoadedApartIT {
  @TempDir
  static Path dir;

  private static Map<String, Object> cell(String code) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("code", code);
    return c;
  }

  private static String stdout(JsonNode cells, int i) {
    assertTrue(cells.get(i).get("error").isNull(), "cell " + i + " failed: "
        + cells.get(i).get("error"));
    return cells.get(i).get("stdout").asText();
  }

  @Test
  void aBatchCellRunsWhenJavaClassPathLacksCellflowsJars() throws Exception {
    Jupyter jupyter = Jupyter.install(dir);
    Path launcher = dir.resolve("LoadKernel.java");
    try (InputStream in = LoadedApartIT.class.getResourceAsStream("/jupyter/LoadKernel.java")) {
      Files.copy(in, launcher);
    }
    Path jar = jupyter.data.resolve("kernels/cellflow/cellflow-kernel.jar");
    Path spec = Files.createDirectories(jupyter.data.resolve("kernels/cellflow-apart"));
    Files.write(spec.resolve("kernel.json"), Json.write(Map.of(
        // -cp: not the CLASSPATH the test's own JVM was given, which names cellflow's jars
        "argv", List.of(Jupyter.java(), "-cp", Files.createDirectories(dir.resolve("empty"))
            .toString(), launcher.toString(), jar.toString(), "{connection_file}"),
        "display_name", "Java (cellflow, loaded apart)", "language", "java",
        "interrupt_mode", "message")));

    JsonNode out = jupyter.cells(List.of(
        cell("System.out.println(System.getProperty(\"java.class.path\"));"),
        cell("%flow Apart"),
        cell("record P(int a) {}\nP p = new P(1);"),
        cell("%batch backend=local\nint b = p.a() + 1;"),
        cell("System.out.println(\"b=\" + b);"),
        // a library the session adds reaches the task's class path and comes back
        cell("%jars " + TestJars.tablesaw(dir) + "/*.jar"),
        cell("%batch backend=local\nvar t = tech.tablesaw.api.Table.create(\"t\").addColumns("
            + "tech.tablesaw.api.IntColumn.create(\"i\", 4, 5));\nSystem.out.println(\"on the"
            + " task's class path: \" + System.getProperty(\"java.class.path\")"
            + ".contains(\"tablesaw-core\"));"),
        cell("System.out.println(t.name() + \" \" + t.rowCount() + \" \" + t.intColumn(\"i\")"
            + ".getInt(1));")), Map.of("DRIVE_KERNEL", "cellflow-apart"));

    String cp = stdout(out, 0);
    assertEquals(dir.resolve("empty") + "\n", cp, "java.class.path names no jar of cellflow's");
    assertTrue(stdout(out, 3).contains("now variables here: b"), stdout(out, 3));
    assertEquals("b=2\n", stdout(out, 4));
    assertTrue(stdout(out, 6).contains("on the task's class path: true\n")
        && stdout(out, 6).contains("now variables here: t"), stdout(out, 6));
    assertEquals("t 2 5\n", stdout(out, 7));
  }
}
