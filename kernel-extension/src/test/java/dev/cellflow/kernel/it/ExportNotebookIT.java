package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cellflow.client.Artifact;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.datastore.FlowDatastore;
import dev.cellflow.datastore.LocalStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notebook run through the kernel, then exported (from the command line, and by {@code %flow
 * export} in the kernel) and run with {@code java -jar}: the runs end with the same artifacts,
 * by name and value.
 */
class ExportNotebookIT {
  @TempDir Path dir;

  private static final List<String> CELLS = List.of(
      "%flow Twins",
      "int n = 40;\nList<Integer> xs = IntStream.range(0, n).boxed().collect(Collectors.toList());",
      "%batch backend=local memory=800\ndouble[][] m = Matrices.random(n, n, 7);\n"
          + "double total = Matrices.sum(m);",
      "static long evens(List<Integer> v) { return v.stream().filter(i -> i % 2 == 0).count(); }",
      "String report = \"n=\" + n + \" total=\" + String.format(\"%.6f\", total)\n"
          + "    + \" evens=\" + evens(xs);\nSystem.out.println(report);");

  private Path notebook(List<String> cells) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode nb = json.createObjectNode();
    ArrayNode list = nb.putArray("cells");
    for (String c : cells) {
      list.addObject().put("cell_type", "code").put("source", c).putObject("metadata");
      ((ObjectNode) list.get(list.size() - 1)).putArray("outputs");
      ((ObjectNode) list.get(list.size() - 1)).putNull("execution_count");
    }
    ObjectNode meta = nb.putObject("metadata");
    meta.putObject("kernelspec").put("name", "cellflow").put("display_name", "Java (cellflow)")
        .put("language", "java");
    nb.put("nbformat", 4).put("nbformat_minor", 5);
    Path f = dir.resolve("Twins.ipynb");
    Files.writeString(f, json.writerWithDefaultPrettyPrinter().writeValueAsString(nb));
    return f;
  }

  private String java(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Jupyter.java()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), String.join(" ", args) + ":\n" + out);
    return out;
  }

  /** The artifacts a run ended with: its last step's, by name, values loaded. */
  private static Map<String, Object> finalArtifacts(Path store) {
    Run run = Flow.in(new FlowDatastore(new LocalStorage(store), "Twins")).latestRun()
        .orElseThrow();
    assertTrue(run.successful(), run.toString());
    var steps = run.steps();
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, Artifact> a : steps.get(steps.size() - 1).task().artifacts()
        .entrySet()) {
      Object v = a.getValue().value();
      out.put(a.getKey(), v instanceof double[][] d ? Arrays.deepToString(d) : v);
    }
    return out;
  }

  @Test
  void theKernelsRunAndTheExportedJarsEndWithTheSameArtifacts() throws Exception {
    Jupyter jupyter = Jupyter.install(dir.resolve("jupyter-home"));
    Path magicJar = dir.resolve("from-kernel.jar");
    List<String> cells = new ArrayList<>(CELLS);
    cells.add("%flow export " + magicJar);
    JsonNode ran = jupyter.notebook(notebook(cells));
    for (JsonNode c : ran) {
      assertTrue(c.get("error").isNull(), c.toString());
    }
    assertTrue(ran.get(4).get("text").asText().contains("evens=20"), ran.toString());
    assertTrue(ran.get(5).get("text").asText().contains("exported flow Twins to " + magicJar),
        ran.get(5).toString());
    Map<String, Object> kernel = finalArtifacts(jupyter.store);
    assertEquals(List.of("m", "n", "report", "total", "xs"), List.copyOf(kernel.keySet()));

    String kernelJar = Jupyter.kernelJar().toAbsolutePath().toString();
    java("-cp", kernelJar, "dev.cellflow.launcher.Launcher", "export", "Twins.ipynb", "-o",
        "from-cli.jar");
    for (String jar : new String[] {"from-cli.jar", magicJar.toString()}) {
      Path store = dir.resolve("store-" + Path.of(jar).getFileName());
      String out = java("-jar", jar, "run", "--datastore-root", store.toString());
      assertTrue(out.contains(kernel.get("report").toString()), out);
      assertEquals(kernel, finalArtifacts(store), jar + " ends with the kernel run's artifacts");
    }
  }
}
