package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.junit.jupiter.api.Test;

/**
 * cellflow replaces one class of the Jupyter protocol library, {@code KernelTimestamp}, by a class
 * of the same name (see its comment). That works only while the replacement keeps the library's
 * public signatures, and only in the shaded kernel jar, which must hold cellflow's class and not
 * the library's. Both are checked here, so that a new library version that changes the class, or
 * a shade configuration that lets the library's copy in, fails the build instead of the kernel.
 */
class KernelTimestampShadingIT {
  private static final String ENTRY = "org/dflib/jjava/jupyter/messages/KernelTimestamp.class";

  /** The library's own class, loaded from its jar apart from cellflow's classes. */
  private static Class<?> libraryClass(URLClassLoader[] keep) throws Exception {
    URL jar = Header.class.getProtectionDomain().getCodeSource().getLocation();
    URLClassLoader loader = new URLClassLoader(new URL[] {jar},
        ClassLoader.getPlatformClassLoader());
    keep[0] = loader;
    return Class.forName(KernelTimestamp.class.getName(), false, loader);
  }

  /** Each public or protected constructor and method, as {@code static? return name(params)}. */
  private static TreeSet<String> signatures(Class<?> c) {
    TreeSet<String> out = new TreeSet<>();
    List<Executable> all = new java.util.ArrayList<>(Arrays.asList(c.getDeclaredConstructors()));
    all.addAll(Arrays.asList(c.getDeclaredMethods()));
    for (Executable e : all) {
      int m = e.getModifiers();
      if (!Modifier.isPublic(m) && !Modifier.isProtected(m) || e.isSynthetic()) {
        continue;
      }
      String returns = e instanceof Method method ? method.getReturnType().getName() : "<init>";
      out.add((Modifier.isStatic(m) ? "static " : "") + returns + " "
          + (e instanceof Constructor<?> ? "" : e.getName())
          + Arrays.toString(e.getParameterTypes()));
    }
    return out;
  }

  @Test
  void theReplacementKeepsTheLibrarysPublicSignatures() throws Exception {
    URLClassLoader[] keep = new URLClassLoader[1];
    try {
      Class<?> library = libraryClass(keep);
      assertEquals(signatures(library), signatures(KernelTimestamp.class),
          "cellflow's KernelTimestamp no longer matches the library's: a kernel would fail with"
              + " NoSuchMethodError");
      assertEquals(library.getSuperclass().getName(),
          KernelTimestamp.class.getSuperclass().getName());
    } finally {
      keep[0].close();
    }
  }

  @Test
  void theShadedKernelJarHoldsCellflowsClassOnly() throws Exception {
    Path compiled = Path.of("target/classes").resolve(ENTRY);
    byte[] ours = Files.readAllBytes(compiled);
    try (ZipFile jar = new ZipFile(Jupyter.kernelJar().toFile())) {
      long copies = jar.stream().filter(e -> e.getName().equals(ENTRY)).count();
      assertEquals(1, copies, "entries named " + ENTRY + " in the kernel jar");
      ZipEntry e = jar.getEntry(ENTRY);
      assertNotNull(e);
      try (InputStream in = jar.getInputStream(e)) {
        assertArrayEquals(ours, in.readAllBytes(),
            "the kernel jar's KernelTimestamp is not cellflow's (is the library's copy shaded in?)");
      }
    }
  }
}
