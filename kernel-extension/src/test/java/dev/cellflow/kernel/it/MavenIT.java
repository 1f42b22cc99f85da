package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cellflow.client.Flow;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %maven} in cellflow's kernel, through the real Jupyter client: the artifact and its
 * dependency come from a local Maven repository made here (the remote one switched off, so no
 * network), serve the kernel's cells and a {@code %batch} cell's task process, and go into the
 * jar {@code %flow export} writes.
 */
class MavenIT {
  @TempDir Path dir;

  /** demo:greeter:1.0 ({@code dm.Greeter.greet()} calls demo:dep:1.0's {@code dm.Dep}). */
  private Path repository() throws Exception {
    Path repo = dir.resolve("m2");
    artifact(repo, "dep", "Dep", "public static int two() { return 2; }", "");
    artifact(repo, "greeter", "Greeter", "public static String greet() { return \"hi \" +"
        + " Dep.two(); }", "<dependencies><dependency><groupId>demo</groupId><artifactId>dep"
        + "</artifactId><version>1.0</version></dependency></dependencies>");
    return repo;
  }

  private void artifact(Path repo, String name, String cls, String body, String deps)
      throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/dm")).resolve(cls + ".java");
    Files.writeString(src, "package dm; public class " + cls + " { " + body + " }");
    Path classes = dir.resolve("classes");
    assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
        classes.toString(), "-cp", classes.toString(), src.toString()));
    Path at = Files.createDirectories(repo.resolve("demo/" + name + "/1.0"));
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(
        at.resolve(name + "-1.0.jar")))) {
      out.putNextEntry(new java.util.jar.JarEntry("dm/" + cls + ".class"));
      out.write(Files.readAllBytes(classes.resolve("dm/" + cls + ".class")));
      out.closeEntry();
    }
    Files.writeString(at.resolve(name + "-1.0.pom"), "<project><modelVersion>4.0.0"
        + "</modelVersion><groupId>demo</groupId><artifactId>" + name + "</artifactId>"
        + "<version>1.0</version>" + deps + "</project>");
  }

  private static void ok(JsonNode cells, int i) {
    assertTrue(cells.get(i).get("error").isNull(), "cell " + i + " failed: " + cells.get(i));
  }

  @Test
  void mavenJarsServeTheKernelATaskAndTheExportedJar() throws Exception {
    Path repo = repository();
    Path jar = dir.resolve("mv.jar");
    Jupyter jupyter = Jupyter.install(dir.resolve("j"), "--java-option",
        "-Dmaven.repo.local=" + repo);
    JsonNode out = jupyter.cells(List.of(
        Map.of("code", "%maven demo:greeter:1.0"),
        Map.of("code", "dm.Greeter.greet()"),
        Map.of("code", "%flow Mv"),
        Map.of("code", "%batch backend=local\nString g = dm.Greeter.greet() + \" on the task\";"),
        Map.of("code", "g"),
        Map.of("code", "%maven demo:absent:1.0"),
        Map.of("code", "%flow export " + jar)), Map.of("CELLFLOW_MAVEN_REMOTE", "off"));
    ok(out, 0);
    assertEquals("added [greeter-1.0.jar, dep-1.0.jar]", out.get(0).get("result").asText());
    assertEquals("hi 2", out.get(1).get("result").asText());
    ok(out, 3);
    assertEquals("hi 2 on the task", out.get(4).get("result").asText());
    String error = out.get(5).get("error").asText();
    assertTrue(error.contains("%maven demo:absent:1.0: cannot be resolved from " + repo), error);
    ok(out, 6);
    assertTrue(out.get(6).get("result").asText().contains("exported flow Mv"),
        out.get(6).toString());

    Path store = dir.resolve("jarstore");
    // the jar holds the %maven jars: it needs no Maven repository
    Process p = new ProcessBuilder(Jupyter.java(), "-jar", jar.toString(), "run", "--datastore-root", store.toString()).redirectErrorStream(true)
        .start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), printed);
    assertEquals(0, p.exitValue(), printed);
    Object g = Flow.in(new LocalStorage(store), "Mv").latestRun()
        .orElseThrow().step("end").task().artifact("g").value();
    assertEquals("hi 2 on the task", g);
  }
}
