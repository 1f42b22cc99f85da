package dev.cellflow.internal.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cellflow.CellflowException;
import dev.cellflow.Resources;
import dev.cellflow.Step;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notebooks and scripts made into flow classes, and the errors that name the cell. */
class NotebookExportTest {
  @TempDir Path dir;

  /** Writes a notebook of code cells (and one markdown cell first, which is not counted). */
  private Path notebook(String... cells) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode nb = json.createObjectNode();
    ArrayNode list = nb.putArray("cells");
    list.addObject().put("cell_type", "markdown").put("source", "# title");
    for (String c : cells) {
      ObjectNode cell = list.addObject().put("cell_type", "code");
      ArrayNode src = cell.putArray("source");
      for (String line : c.split("(?<=\n)")) {
        src.add(line); // as Jupyter writes it: one string per line, newline kept
      }
      cell.putArray("outputs");
    }
    nb.put("nbformat", 4).put("nbformat_minor", 5).putObject("metadata");
    Path f = dir.resolve("nb.ipynb");
    Files.writeString(f, json.writeValueAsString(nb));
    return f;
  }

  private static NotebookExport compile(Path f) {
    return NotebookExport.compile(f, System.getProperty("java.class.path"));
  }

  private String error(String... cells) throws Exception {
    Path f = notebook(cells);
    return assertThrows(CellflowException.class, () -> compile(f)).getMessage();
  }

  private static Class<?> load(NotebookExport e) throws Exception {
    return dev.cellflow.internal.cells.CellCompiler.load(e.classes(),
        NotebookExportTest.class.getClassLoader()).loadClass(e.className());
  }

  @Test
  void cellsBecomeStepsVariablesFieldsAndDeclarationsMembers() throws Exception {
    NotebookExport e = compile(notebook(
        "%flow Sums\nint n = 10;",
        "%resources memory=1200 cpu=2\nvar xs = new double[n];\nint[] small = {1, 2};",
        "static double total(double[] a) { double s = 0; for (double v : a) s += v; return s; }",
        "record Pair(int a, int b) {}\nPair pair = new Pair(1, 2);\ndouble t = total(xs);\nt",
        "%flow end\nSystem.out.println(\"not a step\");"));
    assertEquals("Sums", e.flowName());
    assertEquals("cellflow.notebooks.Sums", e.className());
    Class<?> flow = load(e);
    List<String> steps = Arrays.stream(flow.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Step.class)).map(Method::getName).sorted().toList();
    // named as the kernel names them: the %flow cell's code is cell_1, a cell of declarations
    // only is a step (its declarations are members); the cell after %flow end is no step
    assertEquals(List.of("cell_1", "cell_2", "cell_3", "cell_4", "end", "start"), steps);
    Resources r = flow.getDeclaredMethod("cell_2").getAnnotation(Resources.class);
    assertEquals(1200, r.memory());
    assertEquals(2, r.cpu());
    assertEquals(double[].class, flow.getDeclaredField("xs").getType(), "var's type is inferred");
    assertEquals(int[].class, flow.getDeclaredField("small").getType());
    assertEquals("Pair", flow.getDeclaredField("pair").getType().getSimpleName());
    assertFalse(Arrays.stream(flow.getDeclaredFields()).anyMatch(f -> f.getName().startsWith("$")),
        "a bare expression is no artifact");
  }

  @Test
  void aBatchCellCarriesItsSettings() throws Exception {
    Class<?> flow = load(compile(notebook("%flow Remote",
        "%batch cpu=4 memory=9000 queue=gpu-queue image=eclipse-temurin:21-jre\nint x = 1;",
        "%batch backend=local memory=3000 limit=16 keep=y\nint y = 2;")));
    dev.cellflow.Batch b = flow.getDeclaredMethod("cell_1").getAnnotation(dev.cellflow.Batch.class);
    assertNotNull(b);
    assertEquals(4, b.cpu());
    assertEquals(9000, b.memory());
    assertEquals("gpu-queue", b.queue());
    assertEquals("eclipse-temurin:21-jre", b.image());
    Method local = flow.getDeclaredMethod("cell_2");
    assertEquals(null, local.getAnnotation(dev.cellflow.Batch.class), "backend=local stays local");
    assertEquals(3000, local.getAnnotation(Resources.class).memory());
  }

  @Test
  void aBatchCellIsSizedAsTheKernelSizesIt() throws Exception {
    Class<?> flow = load(compile(notebook("%flow Sized", "%batch memory=2048\nint x = 1;",
        "%resources cpu=3\n%batch memory=2048\nint y = 2;")));
    dev.cellflow.Batch b = flow.getDeclaredMethod("cell_1").getAnnotation(dev.cellflow.Batch.class);
    assertEquals(2048, b.memory());
    assertEquals(1, b.cpu());
    b = flow.getDeclaredMethod("cell_2").getAnnotation(dev.cellflow.Batch.class);
    assertEquals(2048, b.memory());
    assertEquals(3, b.cpu(), "the larger of %batch and %resources, as in the kernel");
  }

  @Test
  void aJarsGlobAddsEveryJarItMatches() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    for (String name : new String[] {"A", "B"}) {
      Path src = Files.createDirectories(dir.resolve("src/gl")).resolve(name + ".java");
      Files.writeString(src, "package gl; public class " + name
          + " { public static int two() { return 2; } }");
      Path classes = Files.createDirectories(dir.resolve("classes" + name));
      assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null,
          "-d", classes.toString(), src.toString()));
      try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(
          lib.resolve(name.toLowerCase() + ".jar")))) {
        out.putNextEntry(new java.util.jar.JarEntry("gl/" + name + ".class"));
        out.write(Files.readAllBytes(classes.resolve("gl/" + name + ".class")));
        out.closeEntry();
      }
    }
    NotebookExport e = compile(notebook("%flow Globbed\n%jars " + lib + "/*.jar",
        "int x = gl.A.two() + gl.B.two();"));
    assertEquals(List.of(lib.resolve("a.jar"), lib.resolve("b.jar")), e.jars());
    // JJava's own word for it, read the same way
    e = compile(notebook("%flow Globbed\n%classpath " + lib + "/*.jar",
        "int x = gl.A.two() + gl.B.two();"));
    assertEquals(List.of(lib.resolve("a.jar"), lib.resolve("b.jar")), e.jars());
  }

  @Test
  void aCellThatFailedInTheKernelKeepsItsStepsName() throws Exception {
    // the kernel named the failed cell cell_3 (a failed step): the jar's next step is cell_4
    NotebookExport e = NotebookExport.compile("cells", List.of(new Cell(1, "%flow K\nint a = 1;"),
        new Cell(2, "int b = a;"), new Cell(3, "%resources memory=99999999\nint c = 1;", true),
        new Cell(4, "%flow show"), new Cell(5, "int c = b + 1;")),
        System.getProperty("java.class.path"));
    List<String> steps = Arrays.stream(load(e).getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Step.class)).map(Method::getName).sorted().toList();
    assertEquals(List.of("cell_1", "cell_2", "cell_3", "cell_4", "end", "start"), steps);
  }

  private static List<String> steps(Class<?> flow) {
    return Arrays.stream(flow.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Step.class)).map(Method::getName).sorted().toList();
  }

  @Test
  void inAJJavaNotebookOnlyStepAndBatchCellsAreSteps() throws Exception {
    // as JJava ran them: cell_1 the %%step, cell_2 a refused %%step (failed, it took the name),
    // cell_3 the %%batch; the other cells ran in the kernel, unrecorded
    List<Cell> cells = List.of(new Cell(1, "%flow J\nint n = 40;"),
        new Cell(2, "int plain = n + 2;"),
        new Cell(3, "%%step memory=1200\nint z = plain + 1;"),
        new Cell(4, "%%step memory=99999999\nint big = 1;", true),
        new Cell(5, "%%step --help\nint unused = 0;"),
        new Cell(6, "int w = z * 2;"),
        new Cell(7, "%%batch backend=local memory=2048\nint y = w + 1;"),
        new Cell(8, "String shown = \"y=\" + y;\nSystem.out.println(shown);"));
    NotebookExport e = NotebookExport.compile("cells", cells,
        System.getProperty("java.class.path"), StepCells.MARKED);
    Class<?> flow = load(e);
    assertEquals(List.of("cell_1", "cell_2", "cell_3", "end", "start"), steps(flow));
    assertEquals(1200, flow.getDeclaredMethod("cell_1").getAnnotation(Resources.class)
        .memory());
    assertEquals(2048, flow.getDeclaredMethod("cell_3").getAnnotation(Resources.class)
        .memory());
    // the unrecorded cells run before the next step, where the kernel ran them
    assertTrue(e.source().matches("(?s).*void cell_1\\(\\).*n = 40.*plain = n \\+ 2.*z = plain.*"
        + "void cell_2.*void cell_3\\(\\).*w = z \\* 2.*y = w \\+ 1.*void end\\(\\).*shown.*"),
        e.source());
    // what only the cells after the last step made is no artifact, as in the kernel
    assertTrue(java.lang.reflect.Modifier.isTransient(flow.getDeclaredField("shown")
        .getModifiers()));
    assertFalse(java.lang.reflect.Modifier.isTransient(flow.getDeclaredField("w")
        .getModifiers()));
    // cellflow's kernel makes every cell with code a step
    assertEquals(List.of("cell_1", "cell_2", "cell_3", "cell_4", "cell_5", "cell_6", "cell_7",
        "end", "start"), steps(load(NotebookExport.compile("cells", cells.stream()
            .filter(c -> c.number() != 5).toList(), System.getProperty("java.class.path")))));
  }

  @Test
  void aNotebookFileSaysWhichKernelItWasWrittenFor() throws Exception {
    assertEquals(StepCells.MARKED, StepCells.of(List.of(new Cell(1, "%%step\nint a = 1;")),
        null));
    assertEquals(StepCells.MARKED, StepCells.of(List.of(new Cell(1, "%%batch\nint a = 1;")),
        "java"));
    assertEquals(StepCells.EVERY, StepCells.of(List.of(new Cell(1, "%%batch\nint a = 1;")),
        "cellflow"));
    assertEquals(StepCells.EVERY, StepCells.of(List.of(new Cell(1, "int a = 1;")), null));
    Path f = notebook("%flow F\nint a = 1;", "int b = a;", "%%step\nint c = b;");
    assertEquals(List.of("cell_1", "end", "start"), steps(load(compile(f))));
  }

  @Test
  void aBatchLineTakesEveryBatchElementByItsJavaName() throws Exception {
    Class<?> flow = load(compile(notebook("%flow Parity", "%batch efa=2 trainium=1"
        + " hostVolumes=/data,/scratch:/s efsVolumes=fs-12345678 useTmpfs=true tmpfsSize=512"
        + " logDriver=awslogs logOptions=awslogs-group:/g;awslogs-region=us-east-1"
        + " privileged=true\nint x = 1;")));
    dev.cellflow.Batch b = flow.getDeclaredMethod("cell_1").getAnnotation(dev.cellflow.Batch.class);
    assertEquals(2, b.efa());
    assertEquals(1, b.trainium());
    assertEquals(List.of("/data", "/scratch:/s"), List.of(b.hostVolumes()));
    assertEquals(List.of("fs-12345678"), List.of(b.efsVolumes()));
    assertEquals(true, b.useTmpfs());
    assertEquals(512, b.tmpfsSize());
    assertEquals("awslogs", b.logDriver());
    assertEquals(List.of("awslogs-group:/g", "awslogs-region=us-east-1"),
        List.of(b.logOptions()));
    assertEquals(true, b.privileged());
    assertTrue(error("%flow F", "%batch privileged=yes")
        .contains("privileged=yes: privileged takes true or false"));
  }

  @Test
  void aScriptIsSplitAtItsMagicLines() {
    List<Cell> cells = NotebookFiles.script("import java.util.*;\n%flow S\nint a = 1;\n"
        + "%resources memory=100\nint b = a + 1;\nint c = b;\n%batch\nint d = 4;\n");
    assertEquals(4, cells.size());
    assertTrue(cells.get(1).source().startsWith("%flow S\nint a = 1;"), cells.get(1).source());
    assertEquals("%resources memory=100\nint b = a + 1;\nint c = b;\n", cells.get(2).source());
  }

  @Test
  void malformedJsonNamesTheFileAndPlace() throws Exception {
    Path f = Files.writeString(dir.resolve("bad.ipynb"), "{\"cells\": [ {\"cell_type\": ");
    String m = assertThrows(CellflowException.class, () -> compile(f)).getMessage();
    assertTrue(m.contains("bad.ipynb is not a notebook: its JSON is malformed at line 1"), m);
  }

  @Test
  void jsonWithoutCellsIsNoNotebook() throws Exception {
    Path f = Files.writeString(dir.resolve("x.ipynb"), "{\"metadata\": {}}");
    String m = assertThrows(CellflowException.class, () -> compile(f)).getMessage();
    assertTrue(m.contains("has no \"cells\" list"), m);
  }

  @Test
  void aMissingFileIsNamed() {
    String m = assertThrows(CellflowException.class,
        () -> compile(dir.resolve("none.ipynb"))).getMessage();
    assertTrue(m.contains("none.ipynb: no such file"), m);
  }

  @Test
  void aNotebookWithoutFlowSaysHowToMakeOne() throws Exception {
    String m = error("int x = 1;");
    assertTrue(m.contains("nb.ipynb is not a flow: no cell has %flow NAME"), m);
  }

  @Test
  void twoFlowsInOneNotebookAreRefused() throws Exception {
    String m = error("%flow A", "%flow B");
    assertTrue(m.contains("cell 2 starts a second flow (%flow B) after cell 1"), m);
  }

  @Test
  void aCellThatDoesNotCompileIsNamed() throws Exception {
    String m = error("%flow F\nint a = 1;", "int b = 2;\nString s = a * ;");
    assertTrue(m.contains("cell 2, line 2") && m.contains("does not compile"), m);
  }

  @Test
  void aCellThatOnlyCompilesInTheNotebookIsNamed() throws Exception {
    // fine in JShell, but in a flow class start() is the first step's name
    String m = error("%flow F\nint a = 1;", "int x = 3;\nvoid start() { }");
    assertTrue(m.contains("method start() is already defined")
        && m.contains("a cell may not declare a method of such a name"), m);
  }

  @Test
  void anUndefinedNameIsNamedWithItsCell() throws Exception {
    String m = error("%flow F", "int b = missing + 1;");
    assertTrue(m.contains("cell 2, line 1") && m.contains("missing"), m);
  }

  @Test
  void aVariableThatChangesTypeIsRefused() throws Exception {
    String m = error("%flow F\nint x = 1;", "String x = \"a\";");
    assertTrue(m.contains("cell 2, line 1: x was declared as int before and is declared as"
        + " String here"), m);
  }

  @Test
  void badMagicsAreNamedWithTheirCell() throws Exception {
    assertTrue(error("%flow F", "%foo bar").contains("cell 2: %foo bar: unknown magic %foo"));
    assertTrue(error("%flow 9lives").contains("'9lives' is not a valid flow name"));
    assertTrue(error("%flow").contains("give the flow's name"));
    // the kernel's own messages (one parser), after the cell they are in
    assertTrue(error("%flow F", "%resources memory=lots").contains("nb.ipynb: cell 2: %resources:"
        + " memory takes a whole number of megabytes (memory=4000), not 'lots'"));
    assertTrue(error("%flow F", "%resources disk=3").contains("cell 2: %resources: unknown option"
        + " 'disk'; it takes memory, cpu, gpu"));
    assertTrue(error("%flow F", "%batch queue").contains("%batch: unknown command 'queue'"));
    assertTrue(error("%flow F", "%batch list cpu=2").contains("%batch: list takes no options"));
    assertTrue(error("%flow F", "%batch color=red").contains("%batch: unknown option 'color';"
        + " it takes cpu, memory, gpu, queue, image, backend, keep, limit, assignPublicIp,"));
    assertTrue(error("%flow F", "%batch cpu=many").contains("cpu takes a whole number"));
    assertTrue(error("%flow F", "%batch limit=big").contains("limit takes a whole number"));
    assertTrue(error("%flow F", "%maven a-b-1").contains("cell 2: %maven a-b-1: not a Maven"
        + " coordinate; write group:artifact:version"));
    assertTrue(error("%flow F", "%%bash\nls").contains("unknown magic %bash"));
    String jars = error("%flow F", "%jars nothere.jar\nimport tech.tablesaw.api.Table;");
    assertTrue(jars.contains("cell 2: %jars: nothere.jar does not exist (looked for "), jars);
    assertTrue(error("%flow F", "%jars lib/*.jar").contains("%jars: nothing matches lib/*.jar"));
  }
}
