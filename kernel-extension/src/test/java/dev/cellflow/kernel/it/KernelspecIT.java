package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cellflow.internal.metadata.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command install, as Binder or a user runs it: into a fresh HOME ({@code --user}), a
 * prefix, or the active venv ({@code --sys-prefix}); Jupyter's own {@code kernelspec list} finds
 * it, and a kernel started from it runs a cell.
 */
class KernelspecIT {
  @TempDir
  Path dir;

  private static String install(Map<String, String> env, String... options) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Jupyter.java(), "-jar",
        Jupyter.kernelJar().toString(), "install"));
    cmd.addAll(List.of(options));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().keySet().removeAll(List.of("JUPYTER_DATA_DIR", "XDG_DATA_HOME",
        "VIRTUAL_ENV", "CONDA_PREFIX"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void installsUnderAFreshHomeAPrefixOrTheActiveVenv() throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(home);
    install(Map.of("HOME", home.toString()), "--user");
    Path user = home.resolve(".local/share/jupyter/kernels/cellflow");
    assertTrue(Files.isRegularFile(user.resolve("kernel.json")));
    assertTrue(Files.isRegularFile(user.resolve("cellflow-kernel.jar")));
    Path prefix = dir.resolve("prefix");
    install(Map.of(), "--prefix", prefix.toString(), "--name", "cf2");
    JsonNode spec = Json.mapper().readTree(prefix.resolve(
        "share/jupyter/kernels/cf2/kernel.json").toFile());
    assertEquals("{connection_file}", spec.get("argv").get(3).asText());
    assertTrue(Files.isRegularFile(prefix.resolve("share/jupyter/kernels/cf2/cellflow-kernel.jar")));
    Path venv = dir.resolve("venv");
    install(Map.of("VIRTUAL_ENV", venv.toString()), "--sys-prefix");
    assertTrue(Files.isRegularFile(venv.resolve("share/jupyter/kernels/cellflow/kernel.json")));

    JsonNode specs = kernelspecs(Map.of("HOME", home.toString(), "JUPYTER_PATH",
        prefix.resolve("share/jupyter").toString()));
    assertEquals(user.toString(), specs.get("cellflow").get("resource_dir").asText(),
        specs.toString());
    assertEquals("Java (cellflow)", specs.get("cf2").get("spec").get("display_name").asText());
  }

  /** What Jupyter's own {@code jupyter kernelspec list} finds with {@code env}. */
  private static JsonNode kernelspecs(Map<String, String> env) throws Exception {
    ProcessBuilder list = new ProcessBuilder(Jupyter.python().getParent()
        .resolve("jupyter-kernelspec").toString(), "list", "--json");
    list.environment().keySet().removeAll(List.of("JUPYTER_DATA_DIR", "XDG_DATA_HOME"));
    list.environment().putAll(env);
    Process p = list.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = p.getInputStream().readAllBytes(); // all of it: a closed pipe would fail it
    assertEquals(0, p.waitFor(), new String(out, StandardCharsets.UTF_8));
    JsonNode specs = Json.mapper().readTree(out);
    return specs.get("kernelspecs");
  }
}
