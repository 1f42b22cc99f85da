package dev.cellflow.internal.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class path of a session whose jars sit in class loaders of their own (IJava's, JShell's),
 * over real {@link URLClassLoader}s.
 */
class SessionClasspathTest {
  @TempDir
  Path dir;

  @Test
  void theFilesOfEveryUrlClassLoaderUpTheChainComeAfterJavaClassPath() throws Exception {
    Path kernelJar = Files.createFile(dir.resolve("kernel.jar"));
    Path userJar = Files.createFile(dir.resolve("user.jar"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    try (URLClassLoader kernel = new URLClassLoader(new URL[] {kernelJar.toUri().toURL(),
        new URL("http://example.invalid/remote.jar")}, ClassLoader.getPlatformClassLoader());
        URLClassLoader session = new URLClassLoader(new URL[] {userJar.toUri().toURL(),
            classes.toUri().toURL()}, kernel)) {
      List<String> cp = SessionClasspath.of(session);
      int first = cp.indexOf(userJar.toString());
      assertTrue(first >= 0 && cp.indexOf(classes.toString()) == first + 1
          && cp.indexOf(kernelJar.toString()) == first + 2, cp.toString());
      assertTrue(cp.stream().noneMatch(e -> e.contains("remote.jar")), cp.toString());
      String javaClassPath = System.getProperty("java.class.path").split(File.pathSeparator)[0];
      assertEquals(Path.of(javaClassPath).toAbsolutePath().normalize().toString(), cp.get(0));
      // where cellflow's own classes came from, whoever loaded them
      Path own = Path.of(SessionClasspath.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      assertTrue(cp.contains(own.toString()), cp.toString());
      assertEquals(cp.size(), cp.stream().distinct().count(), "each entry once: " + cp);
      assertEquals(String.join(File.pathSeparator, cp), SessionClasspath.joined(session));
    }
  }
}
