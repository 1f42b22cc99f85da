package dev.cellflow.internal.cells;

import dev.cellflow.testing.Interrupts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.notebook.CellPackage;
import dev.cellflow.internal.metadata.Json;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellCompilerTest {
  private static CellSource cell(String body, List<CellSource.Unit> units, Set<String> inputs) {
    return new CellSource(List.of("import java.util.*;"), units, inputs, body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(ClassLoader loader) throws Exception {
    return (Map<String, Object>) loader.loadClass(CellCompiler.CELL_CLASS).getMethod("run")
        .invoke(null);
  }

  @Test
  void topLevelVariablesComeBackWithTheirDeclaredTypes() throws Exception {
    CellCompiler.Compiled c = CellCompiler.compile(cell(
        "int s = 2 * 3;\nvar names = new ArrayList<String>();\nnames.add(\"a\" + s);\n"
            + "for (int i = 0; i < 3; i++) { int inner = i; s += inner; }",
        List.of(), Set.of()), List.of());
    assertEquals(Map.of("s", "int", "names", "java.util.ArrayList<String>"),
        c.types());
    assertEquals(Map.of("s", 9, "names", List.of("a6")),
        run(c.load(getClass().getClassLoader())));
  }

  @Test
  void declarationsKeepTheSessionsClassNamesAndLambdasRunAsCompiledCode() throws Exception {
    var point = new CellSource.Unit("REPL.$JShell$7", "package REPL;\nclass $JShell$7 {"
        + " public static record Point(int x, int y) { int sum() { return x + y; } } }");
    var n = new CellSource.Unit("REPL.$JShell$9", "package REPL;\nimport static"
        + " REPL.$JShell$7.*;\nclass $JShell$9 { public static int n; }");
    CellCompiler.Compiled c = CellCompiler.compile(cell(
        "n = n + 1;\nvar ps = java.util.stream.IntStream.range(0, n).mapToObj(i -> new Point(i, n))"
            + ".toList();\nint total = ps.stream().mapToInt(Point::sum).sum();",
        List.of(point, n), Set.of("n")), List.of());
    // as a task does: the class files alone, through cell.json, defined in another loader
    CellPackage shipped = Json.read(new ByteArrayInputStream(Json.write(new CellPackage(
        c.classes(), c.types(), c.assigned(), List.of(), Map.of(), List.of(), List.of(), 0))),
        CellPackage.class);
    ClassLoader loader = CellCompiler.load(shipped.classes(), getClass().getClassLoader());
    var field = loader.loadClass("REPL.$JShell$9").getField("n");
    field.setAccessible(true); // the holder class is package-private, as JShell makes it
    field.set(null, 2);
    Map<String, Object> out = run(loader);
    assertEquals(3 * 3 + 3, out.get("total")); // points (0,3) (1,3) (2,3)
    assertEquals("REPL.$JShell$7$Point", ((List<?>) out.get("ps")).get(0).getClass().getName());
    assertEquals("java.util.List<Point>", c.types().get("ps"));
    assertEquals(Set.of("n"), c.assigned());
  }

  @Test
  void aCompileErrorNamesTheCellLine() {
    CellflowException e = assertThrows(CellflowException.class, () -> CellCompiler.compile(
        cell("int a = 1;\nint b = missing + a;", List.of(), Set.of()), List.of()));
    assertTrue(e.getMessage().contains("cell line 2") && e.getMessage().contains("missing"),
        e.getMessage());
  }

  /**
   * javac reads the class path's jars through channels, and an interrupt closes such a channel
   * for good: a kept file manager hit once would fail every later compile ("cannot access ...
   * ClosedChannelException"). Interrupts land at many points of a compile here; each is kept
   * for the compiling thread, and a compile afterwards works.
   */
  @Test
  void interruptsWhileCompilingAreKeptAndLaterCompilesWork() throws Exception {
    CellSource reads = cell("var m = new com.fasterxml.jackson.databind.ObjectMapper();\n"
        + "int n = m.getClass().getName().length();", List.of(), Set.of());
    List<Integer> lost = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      if (Interrupts.lostWhile(() -> {
        try {
          CellCompiler.compile(reads, List.of());
        } catch (RuntimeException e) {
          // the compile may fail; the thread must still know it was interrupted
        }
      }, i * 5L, Thread::interrupt)) {
        lost.add(i);
      }
    }
    assertEquals(List.of(), lost, "an interrupt was lost");
    CellCompiler.Compiled c = CellCompiler.compile(reads, List.of());
    assertEquals(Map.of("m", "com.fasterxml.jackson.databind.ObjectMapper", "n", "int"),
        c.types());
    assertEquals(43, run(c.load(getClass().getClassLoader())).get("n"));
  }
}
