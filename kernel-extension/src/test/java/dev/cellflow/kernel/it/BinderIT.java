package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Binder demo without Docker: {@code binder/local} (Binder's own steps: requirements.txt
 * into a fresh venv, then postBuild) in a fresh temporary home, JupyterLab on loopback, and a
 * real headless Chromium, driven by {@code binder/test/run-notebook.mjs}, that opens
 * BigSum.ipynb, runs every cell and reads the printed sums, the run's graph {@code %flow show}
 * draws and the cards under the cells. The page is saved as {@code target/binder/BigSum.png},
 * the graph's output as {@code BigSum-graph.png} (docs/notebook.png is a copy of one). Needs
 * Node.js and Debian's chromium ({@code bin/test}
 * installs it where it is missing).
 */
class BinderIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM",
      "/usr/bin/chromium"));

  @TempDir
  Path tmp;

  @Test
  void bigSumRunsInJupyterLabInABrowser() throws Exception {
    dev.cellflow.testing.Needs.tool(Files.isExecutable(CHROMIUM), "Chromium at " + CHROMIUM,
        "run bin/test (it installs Debian's chromium) or apt-get install chromium");
    dev.cellflow.testing.Needs.tool(dev.cellflow.testing.Needs.onPath("node")
        && dev.cellflow.testing.Needs.onPath("npm"), "Node.js (node and npm)", "install Node.js");
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path notebooks = Files.createDirectories(tmp.resolve("notebooks"));
    Files.copy(REPO.resolve("notebooks/BigSum.ipynb"), notebooks.resolve("BigSum.ipynb"));
    Path log = tmp.resolve("set-up.log");
    assertEquals(0, run(List.of(REPO.resolve("binder/local").toString(), "--setup-only"), home,
        log, 15), () -> "binder/local --setup-only failed:\n" + read(log));
    driverModules();

    int port = freePort();
    String token = UUID.randomUUID().toString();
    Path labLog = tmp.resolve("lab.log");
    ProcessBuilder lab = new ProcessBuilder(REPO.resolve("binder/local").toString(),
        "--no-browser", "--port=" + port, "--IdentityProvider.token=" + token,
        // lets the driver call JupyterLab's own commands (run all cells) from the page
        "--LabApp.expose_app_in_browser=True")
        .redirectErrorStream(true).redirectOutput(labLog.toFile());
    environment(lab, home).put("NOTEBOOK_DIR", notebooks.toString());
    Process server = lab.start();
    try {
      awaitServer(port, token, server, labLog);
      Path shot = Files.createDirectories(Path.of("target/binder")).resolve("BigSum.png");
      Files.deleteIfExists(shot);
      Path driverLog = tmp.resolve("driver.log");
      int code = run(List.of("node", REPO.resolve("binder/test/run-notebook.mjs").toString(),
          "http://127.0.0.1:" + port + "/lab/tree/BigSum.ipynb?token=" + token,
          "The sum with parallelMap is", shot.toString(), "300"), home, driverLog, 8);
      String out = read(driverLog);
      assertEquals(0, code, () -> "the notebook did not run in the browser:\n" + out
          + "\n--- JupyterLab ---\n" + read(labLog));
      Jupyter.BigSum sums = Jupyter.checkBigSumPrinted(out);
      assertTrue(Files.size(shot) > 10_000, "no screenshot at " + shot);
      checkPictures(out, sums, shot.resolveSibling("BigSum-graph.png"));
    } finally {
      server.descendants().forEach(ProcessHandle::destroy);
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
      }
    }
  }

  /**
   * What the browser drew: the run's graph, a box per cell with where it ran (the SVG laid out,
   * each box of a size), and the cards under their cells, the Markdown rendered (no {@code **}
   * left) and the table holding the task's sum.
   */
  private static void checkPictures(String out, Jupyter.BigSum sums, Path graphShot)
      throws IOException {
    String graph = out.substring(out.indexOf("--- graph ---"));
    for (String step : List.of("cell_1 | 1 task: 1 succeeded | in the kernel",
        "cell_2 | 1 task: 1 succeeded | local, cpu 2, memory 2000 MB",
        "cell_3 | 1 task: 1 succeeded | in the kernel",
        "cell_4 | 1 task: 1 succeeded | in the kernel")) {
      assertTrue(java.util.regex.Pattern.compile("(?m)^succeeded [1-9]\\d+x[1-9]\\d+: "
          + java.util.regex.Pattern.quote(step) + "$").matcher(graph).find(),
          () -> "no box '" + step + "' drawn:\n" + graph);
    }
    assertTrue(out.contains("2000x2000 matrix summed on the task: "), "the Markdown card: " + out);
    assertTrue(out.matches("(?s).*2000x2000\\s+task\\s+" + java.util.regex.Pattern.quote(
        String.format("%.1f", sums.sum())) + "\\s.*"), "the table card: " + out);
    assertTrue(Files.size(graphShot) > 5_000, "no screenshot of the graph at " + graphShot);
  }

  /** Installs the driver's one npm package (playwright-core, no browser download) once. */
  private void driverModules() throws IOException, InterruptedException {
    Path dir = REPO.resolve("binder/test");
    if (Files.isDirectory(dir.resolve("node_modules/playwright-core"))) {
      return;
    }
    Path log = tmp.resolve("npm.log");
    ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    assertEquals(0, npm.start().waitFor(), () -> "npm ci in binder/test failed:\n" + read(log));
  }

  /** A fresh home, as a new Binder image has, and no datastore setting: the defaults. */
  private static Map<String, String> environment(ProcessBuilder pb, Path home) {
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.remove("CELLFLOW_DATASTORE_ROOT");
    env.remove("CELLFLOW_BINDER_VENV");
    env.remove("JUPYTER_PATH");
    Path pipConf = Path.of(System.getProperty("user.home"), ".config/pip/pip.conf");
    if (Files.isRegularFile(pipConf)) { // the package mirror this machine's pip is set up for
      env.put("PIP_CONFIG_FILE", pipConf.toString());
    }
    return env;
  }

  private int run(List<String> cmd, Path home, Path log, int minutes)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    environment(pb, home);
    Process p = pb.start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static void awaitServer(int port, String token, Process server, Path log)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    URI status = URI.create("http://127.0.0.1:" + port + "/api/status?token=" + token);
    while (System.nanoTime() < deadline) {
      assertTrue(server.isAlive(), () -> "JupyterLab exited:\n" + read(log));
      try {
        HttpURLConnection c = (HttpURLConnection) status.toURL().openConnection();
        c.setConnectTimeout(1000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("JupyterLab did not answer in 90 s:\n" + read(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
