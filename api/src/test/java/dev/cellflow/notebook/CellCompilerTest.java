package dev.cellflow.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellCompilerTest {
  private static CellPackage cell(String body, List<CellPackage.Unit> units,
      List<CellPackage.Input> inputs) {
    return new CellPackage(List.of("import java.util.*;"), units, inputs, body, Map.of(),
        List.of(), List.of(), 1 << 20);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(CellCompiler.Compiled c) throws Exception {
    return (Map<String, Object>) c.loader().loadClass(CellCompiler.CELL_CLASS).getMethod("run")
        .invoke(null);
  }

  @Test
  void topLevelVariablesComeBackWithTheirDeclaredTypes() throws Exception {
    CellCompiler.Compiled c = CellCompiler.compile(cell(
        "int s = 2 * 3;\nvar names = new ArrayList<String>();\nnames.add(\"a\" + s);\n"
            + "for (int i = 0; i < 3; i++) { int inner = i; s += inner; }",
        List.of(), List.of()), List.of(), getClass().getClassLoader());
    assertEquals(Map.of("s", "int", "names", "java.util.ArrayList<String>"),
        c.types());
    assertEquals(Map.of("s", 9, "names", List.of("a6")), run(c));
  }

  @Test
  void declarationsKeepTheSessionsClassNamesAndLambdasRunAsCompiledCode() throws Exception {
    var point = new CellPackage.Unit("REPL.$JShell$7", "package REPL;\nclass $JShell$7 {"
        + " public static record Point(int x, int y) { int sum() { return x + y; } } }");
    var n = new CellPackage.Unit("REPL.$JShell$9", "package REPL;\nimport static"
        + " REPL.$JShell$7.*;\nclass $JShell$9 { public static int n; }");
    CellCompiler.Compiled c = CellCompiler.compile(cell(
        "n = n + 1;\nvar ps = java.util.stream.IntStream.range(0, n).mapToObj(i -> new Point(i, n))"
            + ".toList();\nint total = ps.stream().mapToInt(Point::sum).sum();",
        List.of(point, n), List.of(new CellPackage.Input("n", "int", "REPL.$JShell$9", null))),
        List.of(), getClass().getClassLoader());
    var field = c.loader().loadClass("REPL.$JShell$9").getField("n");
    field.setAccessible(true); // the holder class is package-private, as JShell makes it
    field.set(null, 2);
    Map<String, Object> out = run(c);
    assertEquals(3 * 3 + 3, out.get("total")); // points (0,3) (1,3) (2,3)
    assertEquals("REPL.$JShell$7$Point", ((List<?>) out.get("ps")).get(0).getClass().getName());
    assertEquals("java.util.List<Point>", c.types().get("ps"));
    assertEquals(Set.of("n"), c.assigned());
  }

  @Test
  void aCompileErrorNamesTheCellLine() {
    CellflowException e = assertThrows(CellflowException.class, () -> CellCompiler.compile(
        cell("int a = 1;\nint b = missing + a;", List.of(), List.of()), List.of(),
        getClass().getClassLoader()));
    assertTrue(e.getMessage().contains("cell line 2") && e.getMessage().contains("missing"),
        e.getMessage());
  }
}
