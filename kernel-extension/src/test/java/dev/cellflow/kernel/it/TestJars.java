package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

/** Jars for the tests to add to a session. */
final class TestJars {
  private TestJars() {}

  /**
   * A jar with one class, {@code demo.Greeter} ({@code greet(who)} says "hello from the jar,
   * WHO"), compiled here: it is on no task process's class path.
   */
  static Path greeter(Path dir) throws Exception {
    Path src = dir.resolve("src/demo/Greeter.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, "package demo; public class Greeter { public static"
        + " String greet(String who) { return \"hello from the jar, \" + who; } }");
    Path classes = dir.resolve("classes");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
        classes.toString(), src.toString()));
    Path jar = dir.resolve("greeter.jar");
    try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("demo/Greeter.class"));
      out.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
      out.closeEntry();
    }
    return jar;
  }

  /**
   * A folder holding Tablesaw's jars (those a table needs: core, fastutil, RoaringBitmap,
   * commons-math3, classgraph, univocity), copied from this test's class path: on no task
   * process's class path unless a session adds them.
   */
  static Path tablesaw(Path dir) throws Exception {
    List<String> names = List.of("tablesaw-core", "fastutil", "RoaringBitmap", "commons-math3",
        "classgraph", "univocity");
    Path lib = Files.createDirectories(dir.resolve("tablesaw-lib"));
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e);
      if (e.endsWith(".jar") && names.stream().anyMatch(n -> p.getFileName().toString()
          .startsWith(n))) {
        Files.copy(p, lib.resolve(p.getFileName()));
      }
    }
    return lib;
  }
}
