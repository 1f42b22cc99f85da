package dev.cellflow.internal.cells;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path a kernel's code really runs from, for compiling a remote cell and starting its
 * task: {@code java.class.path}, the files of every {@link URLClassLoader} from the given loader
 * up, and the jar or folder cellflow's own classes came from. A kernel may load cellflow without
 * {@code java.class.path} knowing: IJava 1.3.0 adds {@code %jars} to its own class loader only,
 * and a task started on {@code java.class.path} alone then could not find {@code WorkerMain}.
 */
public final class SessionClasspath {
  private SessionClasspath() {}

  /** The entries, in that order, each once; the JDK's own modules are not among them. */
  public static List<String> of(ClassLoader loader) {
    Set<String> out = new LinkedHashSet<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(Path.of(e).toAbsolutePath().normalize().toString());
      }
    }
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader u) {
        for (URL url : u.getURLs()) {
          add(out, url);
        }
      }
    }
    CodeSource own = SessionClasspath.class.getProtectionDomain().getCodeSource();
    if (own != null) {
      add(out, own.getLocation());
    }
    return List.copyOf(out);
  }

  /** Adds a local file's path; other addresses (http, jrt) are not class path entries. */
  private static void add(Set<String> out, URL url) {
    if (url != null && "file".equals(url.getProtocol())) {
      try {
        out.add(Path.of(url.toURI()).toAbsolutePath().normalize().toString());
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a path this machine can use
      }
    }
  }

  /** {@link #of}, joined with the path separator. */
  public static String joined(ClassLoader loader) {
    return String.join(File.pathSeparator, of(loader));
  }
}
