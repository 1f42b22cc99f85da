package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notebook's plain records, lists of them and lambda variables, stored by the kernel's steps
 * and read by {@code %batch backend=local} cells, through a real Jupyter client. The remote cell
 * names {@code P} ({@code P first = ...}) so that the record's declaration is shipped: that types
 * travel without being named is issue 15 item 1.
 */
class TypedValuesIT {
  @TempDir
  static Path dir;

  private static final List<Map<String, Object>> CELLS = new ArrayList<>();
  private static final Map<String, Integer> INDEX = new LinkedHashMap<>();
  private static JsonNode out;

  private static void cell(String key, String code) {
    INDEX.put(key, CELLS.size());
    CELLS.add(new LinkedHashMap<>(Map.of("code", code)));
  }

  static {
    cell("flow", "%flow Typed");
    cell("record", "record P(int a) {}\nList<P> ps = new ArrayList<>(List.of(new P(1), new P(2)));");
    cell("fn", "interface Fn extends java.io.Serializable { double apply(double v); }");
    cell("lambdas", "double k = 2.5;\nFn scale = v -> v * k;\n"
        + "Fn make(double f) { return v -> v * f + 1; }\nFn m = make(3);\nFn abs = Math::abs;");
    cell("remote", "%batch backend=local\nP first = ps.get(0);\n"
        + "double r = scale.apply(2) + m.apply(1) + abs.apply(-1);\n"
        + "List<P> more = new ArrayList<>(ps);\nmore.add(new P(first.a() + 10));");
    cell("back", "System.out.println(r + \" \" + more + \" \" + more.get(2).getClass()"
        + ".getSimpleName());");
    cell("plainFunction", "java.util.function.Function<Double, Double> f = v -> v * 2;");
    cell("plainRemote", "%batch backend=local\ndouble y = f.apply(1.0);");
    cell("captures", "Fn cap(Object o) { return v -> o.hashCode(); }\nFn held = cap(new Object());");
    cell("capturesRemote", "%batch backend=local\ndouble z = held.apply(1);");
    cell("madeThere", "%batch backend=local\nFn g = v -> v + 1;\nint fine = (int) g.apply(4);");
    cell("end", "%flow end");
  }

  @BeforeAll
  static void runCells() throws Exception {
    out = Jupyter.install(dir).cells(CELLS);
  }

  private static JsonNode at(String key) {
    JsonNode c = out.get(INDEX.get(key));
    assertNotNull(c, key);
    return c;
  }

  private static String ok(String key) {
    JsonNode c = at(key);
    assertTrue(c.get("error").isNull(), key + " failed: " + c.get("error"));
    return c.get("stdout").asText() + c.get("stderr").asText();
  }

  private static String error(String key) {
    JsonNode c = at(key);
    assertTrue(c.get("error").isTextual(), key + " should have failed: " + c);
    return c.get("error").asText().replaceAll("\u001b\\[[0-9;]*m", "");
  }

  @Test
  void aListOfAPlainRecordIsStoredByTheKernelAndByTheTask() {
    // before: "variable 'ps' (List<P>) is not stored ... REPL.$JShell$..$P is not Serializable"
    assertTrue(!ok("record").contains("is not stored"), ok("record"));
    ok("remote");
    assertEquals("10.0 [P[a=1], P[a=2], P[a=11]] P\n", ok("back"));
  }

  @Test
  void lambdaVariablesTravelToABatchCell() {
    // 2 * 2.5 + (1 * 3 + 1) + |-1|; before: "a stored artifact holds SerializedLambda"
    assertTrue(!ok("lambdas").contains("is not stored"), ok("lambdas"));
    assertTrue(ok("back").startsWith("10.0 "), ok("back"));
  }

  @Test
  void aLambdaThatCannotTravelIsRefusedBeforeShippingSayingWhatToDo() {
    String plain = error("plainRemote");
    assertTrue(plain.contains("%batch: the cell reads variable 'f'")
        && plain.contains("(java.util.function.Function<Double, Double> & java.io.Serializable)"
            + " x -> ..."), plain);
    String captures = error("capturesRemote");
    assertTrue(captures.contains("variable 'held' (Fn)")
        && captures.contains("captures a java.lang.Object, which is not Serializable"), captures);
    String there = ok("madeThere");
    assertTrue(there.contains("g (Fn) stayed on the task: it cannot be stored: a lambda made in"
        + " a %batch cell cannot come back to the kernel"), there);
    assertTrue(there.contains("now variables here: fine"), there);
  }
}
