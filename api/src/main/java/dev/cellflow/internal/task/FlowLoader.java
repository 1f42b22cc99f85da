package dev.cellflow.internal.task;

import dev.cellflow.FlowSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the flow's own classes itself, child first, and leaves everything else (cellflow, the
 * libraries, the JDK) to its parent: a task whose loader is new starts with the flow's static
 * fields as a new process would. "The flow's own classes" are the class files of the folder or
 * jar the flow class comes from; in a jar that also holds cellflow (a fat jar, which holds the
 * libraries too), those of the flow's package and its subpackages. A package that other class
 * path entries hold too stays with the parent (package-private access does not cross loaders).
 *
 * <p>The loader remembers whether a class it defined can hold state ({@link StaticState}): the
 * worker gives the next task a new loader then, and keeps this one (its classes loaded, linked
 * and compiled already) while its classes hold only constants.
 */
final class FlowLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private static final AtomicInteger MADE = new AtomicInteger();

  private final Source source;
  private final ProtectionDomain domain;
  private volatile boolean holdsState;

  FlowLoader(Source source, ClassLoader parent) {
    // named, so a flow (and a test) can tell one task's loader from another's
    super("cellflow-flow-" + MADE.incrementAndGet(), parent);
    this.source = source;
    this.domain = new ProtectionDomain(new CodeSource(source.location, (CodeSigner[]) null),
        null, this, null);
  }

  /** Whether a class this loader defined can carry state to a later task. */
  boolean holdsState() {
    return holdsState;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!source.owns(name)) {
      return getParent().loadClass(name);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] bytes = source.read(name);
        holdsState |= StaticState.holdsState(bytes);
        c = defineClass(name, bytes, 0, bytes.length, domain);
      }
      return c;
    }
  }

  /** Where the flow's own classes are, and which classes are the flow's own. */
  static final class Source {
    final URL location;
    private final Path here;
    private final String flowPackage;
    private final boolean fat; // here holds cellflow too
    private final Path dir;
    private final JarFile jar;
    private final ClassLoader parent;
    // decided once per process, on first use: a wide jar is never listed
    private final Map<String, Boolean> owned = new ConcurrentHashMap<>();
    private final Map<String, Boolean> split = new ConcurrentHashMap<>();

    private Source(Path here, String flowPackage, boolean fat, ClassLoader parent)
        throws IOException {
      this.location = here.toUri().toURL();
      this.here = here;
      this.flowPackage = flowPackage;
      this.fat = fat;
      this.parent = parent;
      this.dir = Files.isDirectory(here) ? here : null;
      this.jar = dir == null ? new JarFile(here.toFile()) : null;
    }

    /**
     * The source of {@code flowClass} as {@code parent} finds it; null when it is not a class
     * file in a folder or a jar (then the flow's classes stay with the parent).
     */
    static Source of(String flowClass, ClassLoader parent) {
      String file = flowClass.replace('.', '/') + ".class";
      URL url = parent.getResource(file);
      try {
        Path here;
        if (url == null) {
          return null;
        } else if (url.getProtocol().equals("jar")) {
          here = Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
        } else if (url.getProtocol().equals("file")) {
          here = Path.of(url.toURI());
          for (int i = file.split("/").length; i > 0; i--) {
            here = here.getParent(); // from the class file up to its class path entry
          }
        } else {
          return null;
        }
        Path cellflow = Path.of(FlowSpec.class.getProtectionDomain().getCodeSource()
            .getLocation().toURI());
        String pkg = packageOf(flowClass);
        boolean fat = Files.isSameFile(here, cellflow);
        if (fat && within(FlowSpec.class.getPackageName(), pkg)) {
          return null; // the flow's package tree holds cellflow itself
        }
        return new Source(here, pkg, fat, parent);
      } catch (IOException | URISyntaxException | RuntimeException e) {
        return null; // the flow runs with its classes in the parent, as before
      }
    }

    /** Whether class {@code name} is one of the flow's own. */
    boolean owns(String name) {
      if (name.startsWith("java.")) {
        return false;
      }
      Boolean known = owned.get(name);
      if (known == null) {
        String pkg = packageOf(name);
        String file = name.replace('.', '/') + ".class";
        known = (!fat || within(pkg, flowPackage))
            && (jar != null ? jar.getEntry(file) != null : Files.isRegularFile(dir.resolve(file)))
            && !split.computeIfAbsent(pkg, this::elsewhereToo);
        owned.put(name, known);
      }
      return known;
    }

    byte[] read(String name) throws ClassNotFoundException {
      String file = name.replace('.', '/') + ".class";
      try {
        if (jar == null) {
          return Files.readAllBytes(dir.resolve(file));
        }
        JarEntry e = jar.getJarEntry(file);
        try (InputStream in = jar.getInputStream(e)) {
          return in.readAllBytes();
        }
      } catch (IOException | UncheckedIOException e) {
        throw new ClassNotFoundException(name + " could not be read from " + location, e);
      }
    }

    /**
     * Whether another class path entry holds package {@code p} too (a test folder beside the
     * main one, cellflow's own packages): a class defined here could not reach the
     * package-private members of its package there, so the package stays with the parent.
     */
    private boolean elsewhereToo(String p) {
      if (p.isEmpty()) {
        return false; // the default package: nothing can import from it
      }
      try {
        Enumeration<URL> where = parent.getResources(p.replace('.', '/'));
        while (where.hasMoreElements()) {
          if (!inside(where.nextElement(), here)) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return true;
      }
    }

    private static boolean inside(URL url, Path here) {
      try {
        Path p = url.getProtocol().equals("jar")
            ? Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI())
            : Path.of(url.toURI());
        return p.startsWith(here);
      } catch (IOException | URISyntaxException | RuntimeException e) {
        return false;
      }
    }

    private static String packageOf(String className) {
      int dot = className.lastIndexOf('.');
      return dot < 0 ? "" : className.substring(0, dot);
    }

    /** {@code p} is {@code pkg} or, for a package of two or more names, one of its subpackages. */
    private static boolean within(String p, String pkg) {
      return p.equals(pkg) || pkg.indexOf('.') > 0 && p.startsWith(pkg + ".");
    }
  }
}
