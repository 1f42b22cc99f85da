package dev.cellflow.internal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.cells.Cell;
import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.internal.cells.MavenJars;
import dev.cellflow.internal.cells.NotebookExport;
import dev.cellflow.internal.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %maven} lines through Maven's resolver (found by ServiceLoader, as the kernel and
 * export find it), against a local repository made here (no
 * network: the remote repository is switched off): an artifact and its dependency, in export
 * and on their own.
 */
class ResolverMavenJarsTest {
  private static final Config OFFLINE = Config.of(Map.of("CELLFLOW_MAVEN_REMOTE", "off"));
  @TempDir Path dir;
  private Path repo;
  private String before;

  @BeforeEach
  void localRepository() throws Exception {
    repo = dir.resolve("m2");
    before = System.getProperty("maven.repo.local");
    System.setProperty("maven.repo.local", repo.toString());
    install("dep", "package mv; public class Dep { public static int two() { return 2; } }",
        "");
    install("greeter", "package mv; public class Greeter { public static String greet() {"
        + " return \"hi \" + Dep.two(); } }", "<dependencies><dependency><groupId>demo"
        + "</groupId><artifactId>dep</artifactId><version>1.0</version></dependency>"
        + "</dependencies>");
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty("maven.repo.local");
    } else {
      System.setProperty("maven.repo.local", before);
    }
  }

  /** Installs demo:NAME:1.0 (one class, compiled here) into the local repository. */
  private void install(String name, String source, String deps) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src-" + name + "/mv"))
        .resolve(Character.toUpperCase(name.charAt(0)) + name.substring(1) + ".java");
    Files.writeString(src, source);
    Path classes = dir.resolve("classes-" + name);
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
        classes.toString(), "-cp", dir.resolve("classes-dep").toString(), src.toString()));
    Path at = Files.createDirectories(repo.resolve("demo/" + name + "/1.0"));
    try (var out = new JarOutputStream(Files.newOutputStream(at.resolve(name + "-1.0.jar")))) {
      String cls = "mv/" + src.getFileName().toString().replace(".java", ".class");
      out.putNextEntry(new JarEntry(cls));
      out.write(Files.readAllBytes(classes.resolve(cls)));
      out.closeEntry();
    }
    Files.writeString(at.resolve(name + "-1.0.pom"), "<project><modelVersion>4.0.0"
        + "</modelVersion><groupId>demo</groupId><artifactId>" + name + "</artifactId>"
        + "<version>1.0</version>" + deps + "</project>");
  }

  @Test
  void anArtifactComesWithItsDependencies() {
    List<Path> jars = ResolverMavenJars.resolve("%maven", List.of("demo:greeter:1.0"),
        OFFLINE);
    assertEquals(List.of("greeter-1.0.jar", "dep-1.0.jar"), jars.stream()
        .map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void badOrMissingCoordinatesAreNamed() {
    String m = assertThrows(MagicException.class, () -> MavenJars.resolve("%maven",
        List.of("greeter-1.0"))).getMessage();
    assertTrue(m.startsWith("%maven greeter-1.0: not a Maven coordinate; write"
        + " group:artifact:version"), m);
    m = assertThrows(MagicException.class, () -> ResolverMavenJars.resolve("%maven",
        List.of("demo:absent:1.0"), OFFLINE)).getMessage();
    assertTrue(m.startsWith("%maven demo:absent:1.0: cannot be resolved from " + repo), m);
    assertEquals(1, m.lines().count(), m);
  }

  @Test
  void anExportedNotebookTakesItsMavenJars() throws Exception {
    // CELLFLOW_MAVEN_REMOTE is not set here: everything is in the local repository, so nothing
    // is asked of the network
    NotebookExport e = NotebookExport.compile("cells", List.of(new Cell(1,
        "%flow Mv\n%maven demo:greeter:1.0\nString g = mv.Greeter.greet();")),
        System.getProperty("java.class.path"));
    assertEquals(List.of(repo.resolve("demo/greeter/1.0/greeter-1.0.jar"),
        repo.resolve("demo/dep/1.0/dep-1.0.jar")), e.jars());
    String m = assertThrows(CellflowException.class, () -> NotebookExport.compile("cells",
        List.of(new Cell(1, "%flow Mv\n%maven nonsense\nint a = 1;")),
        System.getProperty("java.class.path"))).getMessage();
    assertTrue(m.startsWith("cells: cell 1: %maven nonsense: not a Maven coordinate"), m);
  }
}
