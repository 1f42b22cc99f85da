package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cellflow.internal.metadata.Json;
import dev.cellflow.testing.Needs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Jupyter client for the tests: a Python venv with jupyter_client, nbclient, nbformat,
 * nbconvert and ipykernel (made on first use, then reused; {@code -Dcellflow.venv=DIR} says
 * where), cellflow's kernelspec installed by its own install command into a temporary
 * JUPYTER_PATH, and the driver scripts under {@code src/test/resources/jupyter}.
 */
final class Jupyter {
  private static final List<String> PACKAGES = List.of("jupyter_client", "nbclient", "nbformat",
      "nbconvert", "ipykernel");

  final Path dir;
  final Path data;
  final Path store;

  private Jupyter(Path dir) {
    this.dir = dir;
    this.data = dir.resolve("jupyter");
    this.store = dir.resolve("store");
  }

  /** A fresh Jupyter data folder with the kernel installed, and an empty datastore. */
  static Jupyter install(Path dir, String... options) throws Exception {
    Jupyter j = new Jupyter(dir);
    Path jar = kernelJar();
    List<String> cmd = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "install",
        "--path", j.data.toString()));
    cmd.addAll(List.of(options));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return j;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Path kernelJar() {
    Path jar = Path.of(System.getProperty("cellflow.kernelJar",
        "target/cellflow-kernel.jar"));
    Needs.tool(Files.isRegularFile(jar), "the kernel jar " + jar, "mvn package builds it");
    return jar;
  }

  /** The venv's python, the venv made first when it is missing or incomplete. */
  static synchronized Path python() throws IOException, InterruptedException {
    Path venv = Path.of(System.getProperty("cellflow.venv",
        System.getProperty("user.home") + "/.cache/cellflow/venv"));
    Path python = venv.resolve("bin/python");
    if (Files.isExecutable(python) && run(List.of(python.toString(), "-c",
        "import jupyter_client, nbclient, nbformat, nbconvert, ipykernel"), Map.of()) == 0) {
      return python;
    }
    Needs.tool(run(List.of("python3", "-m", "venv", venv.toString()), Map.of()) == 0,
        "python3 with venv (for the Jupyter client)", "install python3 and python3-venv");
    List<String> pip = new ArrayList<>(List.of(python.toString(), "-m", "pip", "install", "-q",
        "--retries", "0"));
    pip.addAll(PACKAGES);
    // --retries 0: pip would otherwise retry an unreachable index for minutes per package
    Needs.tool(run(pip, Map.of()) == 0, "a venv with " + PACKAGES,
        "pip could not install them into " + venv + "; check pip's index (PIP_INDEX_URL)");
    return python;
  }

  private static int run(List<String> cmd, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    try {
      return pb.start().waitFor();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Runs a driver script with this Jupyter's paths; returns what it wrote as JSON. */
  JsonNode script(String script, Path input, Map<String, String> env) throws Exception {
    Path driver = dir.resolve(script);
    try (InputStream in = Jupyter.class.getResourceAsStream("/jupyter/" + script)) {
      Files.copy(in, driver, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path out = Files.createTempFile(dir, "out", ".json");
    ProcessBuilder pb = new ProcessBuilder(python().toString(), driver.toString(),
        input.toString(), out.toString()).redirectErrorStream(true);
    pb.environment().put("JUPYTER_PATH", data.toString());
    pb.environment().put("JUPYTER_DATA_DIR", dir.resolve("jupyter-user").toString());
    pb.environment().put("JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString());
    pb.environment().put("CELLFLOW_DATASTORE_ROOT", store.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] log = p.getInputStream().readAllBytes();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    String text = new String(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), script + " failed:\n" + text);
    return Json.mapper().readTree(out.toFile());
  }

  /** What cell {@code i} of a driver's result printed; it fails the test if the cell failed. */
  static String text(JsonNode cells, int i) {
    assertTrue(cells.get(i).get("error").isNull(), "cell " + i + " failed: "
        + cells.get(i).get("error"));
    return cells.get(i).get("text").asText();
  }

  /**
   * The first of cell {@code i}'s results and displays with data of type {@code mime} that
   * holds {@code part}; it fails the test where none does.
   */
  static String display(JsonNode cells, int i, String mime, String part) {
    text(cells, i);
    for (JsonNode d : cells.get(i).get("displays")) {
      if (d.has(mime) && d.get(mime).asText().contains(part)) {
        return d.get(mime).asText();
      }
    }
    throw new AssertionError("cell " + i + " shows no " + mime + " with '" + part + "': "
        + cells.get(i).get("displays"));
  }

  /**
   * Checks a run's graph as {@code %flow show} draws it in a notebook: one box per step, all
   * succeeded, in a line (a notebook's cells), each with its name, its one task and where it
   * ran ({@code where}, by step).
   */
  static void checkCellGraph(String html, Map<String, String> where) {
    assertTrue(html.contains("<svg"), html);
    assertEquals(where.size(), count(html, "<g class=\"step\" data-status=\"succeeded\">"),
        html);
    assertEquals(where.size() - 1, count(html, "<polyline"), "cells follow each other: " + html);
    where.forEach((step, w) -> assertTrue(html.matches("(?s).*>" + step + "</text>\n<text [^>]*>1"
        + " task: 1 succeeded</text>\n<text [^>]*>" + java.util.regex.Pattern.quote(w)
        + "</text>.*"), step + " ran " + w + ": " + html));
    assertTrue(html.contains("<table>"), "the tasks' table under the graph: " + html);
  }

  private static int count(String s, String what) {
    return (int) java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(what)).matcher(s)
        .results().count();
  }

  /** The number {@code regex}'s first group finds in {@code text}. */
  static double number(String text, String regex) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
    return Double.parseDouble(m.group(1));
  }

  /**
   * What BigSum.ipynb's cells 3 to 5 print, wherever its heavy cell ran: the sums, equal both
   * ways; the kernel's own two sums; the run's table. Returns the sums it read.
   */
  static BigSum checkBigSum(JsonNode cells) {
    BigSum printed = checkBigSumPrinted(text(cells, 3));
    String kernel = text(cells, 4);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "In the kernel: ([0-9.]+) and ([0-9.]+)").matcher(kernel);
    assertTrue(m.find(), kernel);
    assertEquals(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), 1e-6);
    String show = text(cells, 5);
    assertTrue(show.matches("(?s).*BigSum/\\d+/cell_2/2\\s+succeeded\\s+size, chunk, t, sum, took,"
        + " parallelSum, parallelTook\\s.*"), show);
    return new BigSum(printed.sum(), printed.parallel(), Double.parseDouble(m.group(1)));
  }

  /** BigSum.ipynb's sums: the heavy cell's both ways, and the kernel's (0 where not read). */
  record BigSum(double sum, double parallel, double kernelSum) {}

  /** BigSum.ipynb's printed sums: both ways equal, and about half of 2000 x 2000. */
  static BigSum checkBigSumPrinted(String printed) {
    double sum = number(printed, "The sum is ([0-9.]+)\\.");
    double parallel = number(printed, "The sum with parallelMap is ([0-9.]+)\\.");
    assertEquals(sum, parallel, sum * 1e-9, printed);
    // a 2000x2000 matrix of uniform [0,1) values sums to about 2,000,000
    assertTrue(Math.abs(sum / (2000.0 * 2000.0) - 0.5) < 0.01, printed);
    assertTrue(printed.matches("(?s).*Computing it took \\d+ms\\..*"), printed);
    return new BigSum(sum, parallel, 0);
  }

  /** Executes {@code cells} in one kernel; one JSON object per cell. */
  JsonNode cells(List<Map<String, Object>> cells) throws Exception {
    return cells(cells, Map.of());
  }

  /**
   * Executes {@code cells} in one kernel started with {@code env} added to its environment
   * ({@code DRIVE_KERNEL} names another kernelspec); one JSON object per cell.
   */
  JsonNode cells(List<Map<String, Object>> cells, Map<String, String> env) throws Exception {
    Path in = Files.createTempFile(dir, "cells", ".json");
    Files.write(in, Json.write(cells));
    return script("drive_kernel.py", in, env);
  }

  /** Executes a notebook with nbclient; one JSON object per code cell. */
  JsonNode notebook(Path ipynb) throws Exception {
    return notebook(ipynb, Map.of());
  }

  /** Executes a notebook with nbclient, its kernel's environment added to with {@code env}. */
  JsonNode notebook(Path ipynb, Map<String, String> env) throws Exception {
    return script("run_notebook.py", ipynb, env);
  }
}
