package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cellflow.TaskStatus;
import dev.cellflow.client.Artifact;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notebook run through the kernel, then exported (from the command line, and by {@code %flow
 * export} in the kernel) and run with {@code java -jar}: the runs have the same steps, by name,
 * the same sizes ({@code %batch memory=2048} is a 2 GiB heap in both), and end with the same
 * artifacts, by name and value. The kernel and export read magics with one parser: a {@code
 * %jars} glob works in both, and a wrong {@code %batch} key is refused with the same words.
 */
class ExportNotebookIT {
  @TempDir Path dir;

  /** {@code %resources} the kernel refuses (more than its heap) and a local task may have. */
  private static long refusedMb() {
    long machine = ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize() >> 20;
    return machine * 3 / 4; // a JVM's default heap is a quarter of the machine
  }

  private List<String> cells(Path lib) {
    return List.of(
        "%flow Twins\n%jars " + lib + "/*.jar\nint n = 40;\n"
            + "List<Integer> xs = IntStream.range(0, n).boxed().collect(Collectors.toList());\n"
            + "String hi = demo.Greeter.greet(\"twins\");",
        "%batch backend=local memory=2048\ndouble[][] m = Matrices.random(n, n, 7);\n"
            + "double total = Matrices.sum(m);\n"
            + "long heapGib = Math.round(Runtime.getRuntime().maxMemory() / (double) (1L << 30));",
        "static long evens(List<Integer> v) { return v.stream().filter(i -> i % 2 == 0).count(); }",
        "%resources memory=" + refusedMb() + "\nString report = \"n=\" + n;",
        "String report = \"n=\" + n + \" total=\" + String.format(\"%.6f\", total)\n"
            + "    + \" evens=\" + evens(xs) + \" heap=\" + heapGib;\nSystem.out.println(report);");
  }

  private Path notebook(String name, List<String> cells, String... failing) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode nb = json.createObjectNode();
    ArrayNode list = nb.putArray("cells");
    for (int i = 0; i < cells.size(); i++) {
      ObjectNode c = list.addObject().put("cell_type", "code").put("source", cells.get(i));
      ObjectNode meta = c.putObject("metadata");
      if (List.of(failing).contains(cells.get(i))) { // nbclient goes on after it
        meta.putArray("tags").add("raises-exception");
      }
      c.putArray("outputs");
      c.putNull("execution_count");
    }
    ObjectNode meta = nb.putObject("metadata");
    meta.putObject("kernelspec").put("name", "cellflow").put("display_name", "Java (cellflow)")
        .put("language", "java");
    nb.put("nbformat", 4).put("nbformat_minor", 5);
    Path f = dir.resolve(name + ".ipynb");
    Files.writeString(f, json.writerWithDefaultPrettyPrinter().writeValueAsString(nb));
    return f;
  }

  private record Ran(int code, String out) {}

  private Ran java(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Jupyter.java()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    // batch list reaches for AWS Batch: a closed port answers at once
    pb.environment().putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x",
        "AWS_SECRET_ACCESS_KEY", "x", "AWS_ENDPOINT_URL", "http://127.0.0.1:9",
        "AWS_MAX_ATTEMPTS", "1"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
    return new Ran(p.exitValue(), out);
  }

  private Ran ok(String... args) throws Exception {
    Ran r = java(args);
    assertEquals(0, r.code(), String.join(" ", args) + ":\n" + r.out());
    return r;
  }

  private static Run latest(Path store) {
    return Flow.in(new LocalStorage(store), "Twins").latestRun()
        .orElseThrow();
  }

  /** The steps of a run, by name, the flow class's own start and end left out. */
  private static List<String> steps(Run run) {
    return run.steps().stream().map(s -> s.name())
        .filter(s -> !s.equals("start") && !s.equals("end")).sorted().toList();
  }

  /** The artifacts a run ended with: its last step's, by name, values loaded. */
  private static Map<String, Object> finalArtifacts(Run run) {
    var steps = run.steps();
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, Artifact> a : steps.get(steps.size() - 1).task().artifacts()
        .entrySet()) {
      Object v = a.getValue().value();
      out.put(a.getKey(), v instanceof double[][] d ? Arrays.deepToString(d) : v);
    }
    return out;
  }

  private static String line(String text, String from) {
    Matcher m = Pattern.compile(Pattern.quote(from) + "[^\\n\\u001b]*")
        .matcher(text.replaceAll("\u001B\\[[;\\d]*m", ""));
    assertTrue(m.find(), "no '" + from + "' in: " + text);
    return m.group();
  }

  @Test
  void theKernelsRunAndTheExportedJarsHaveTheSameStepsSizesAndArtifacts() throws Exception {
    Jupyter jupyter = Jupyter.install(dir.resolve("jupyter-home"));
    Path lib = Files.createDirectories(dir.resolve("lib"));
    TestJars.greeter(lib);
    List<String> flow = cells(lib);
    Path magicJar = dir.resolve("from-kernel.jar");
    String badKey = "%batch colour=red\nint z = 1;";
    List<String> inKernel = new ArrayList<>(flow);
    inKernel.addAll(List.of(badKey, "%flow export " + magicJar));
    JsonNode ran = jupyter.notebook(notebook("Kernel", inKernel, flow.get(3), badKey));
    for (int i : new int[] {0, 1, 2, 4, 6}) {
      assertTrue(ran.get(i).get("error").isNull(), ran.get(i).toString());
    }
    assertTrue(ran.get(1).get("text").asText().contains("memory 2048 MB"), ran.get(1).toString());
    assertTrue(ran.get(3).get("error").asText().contains("%resources: this cell asks for"),
        ran.get(3).toString());
    assertTrue(ran.get(4).get("text").asText().contains("evens=20 heap=2"), ran.toString());
    assertTrue(ran.get(6).get("text").asText().contains("exported flow Twins to " + magicJar),
        ran.get(6).toString());
    Run kernelRun = latest(jupyter.store);
    // the refused cell is a failed step: the kernel numbers it, as its jar does
    assertEquals(List.of("cell_1", "cell_2", "cell_3", "cell_4", "cell_5"), steps(kernelRun));
    assertEquals(TaskStatus.FAILED, kernelRun.step("cell_4").task().status());
    Map<String, Object> kernel = finalArtifacts(kernelRun);
    assertEquals(List.of("heapGib", "hi", "m", "n", "report", "total", "xs"),
        List.copyOf(kernel.keySet()));
    assertEquals(2L, kernel.get("heapGib"), "%batch memory=2048 is a 2 GiB heap");

    String kernelJar = Jupyter.kernelJar().toAbsolutePath().toString();
    notebook("Twins", flow);
    ok("-cp", kernelJar, "dev.cellflow.internal.launcher.Launcher", "export", "Twins.ipynb", "-o",
        "from-cli.jar");
    for (String jar : new String[] {"from-cli.jar", magicJar.toString()}) {
      String plan = ok("-jar", jar, "show").out();
      assertTrue(plan.matches("(?s).*step cell_2 .*memory 2048 MB.*step cell_3.*"), plan);
      Path store = dir.resolve("store-" + Path.of(jar).getFileName());
      String out = ok("-jar", jar, "run", "--datastore-root", store.toString()).out();
      assertTrue(out.contains(kernel.get("report").toString()), out);
      Run run = latest(store);
      assertTrue(run.successful(), run.toString());
      assertEquals(steps(kernelRun), steps(run), jar + " has the kernel run's steps");
      assertEquals(kernel, finalArtifacts(run), jar + " ends with the kernel run's artifacts");
      // every command takes the datastore options; this one then asks AWS Batch (not here)
      Ran list = java("-jar", jar, "batch", "list", "--datastore", "local", "--datastore-root",
          store.toString());
      assertTrue(!list.out().contains("Unknown option") && list.out().contains("AWS Batch"),
          list.out());
    }

    // a wrong %batch key: the same words from the kernel and from export
    String kernelSays = line(ran.get(5).get("error").asText(), "%batch: unknown option");
    assertTrue(kernelSays.contains("'colour'") && kernelSays.contains("iamRole")
        && kernelSays.contains("sharedMemory"), kernelSays);
    notebook("Bad", List.of("%flow Bad", badKey));
    Ran export = java("-cp", kernelJar, "dev.cellflow.internal.launcher.Launcher", "export", "Bad.ipynb",
        "-o", "bad.jar");
    assertNotEquals(0, export.code(), export.out());
    assertEquals(kernelSays, line(export.out(), "%batch: unknown option"), export.out());
    assertTrue(export.out().contains("Bad.ipynb: cell 2: %batch: unknown option"), export.out());
  }
}
