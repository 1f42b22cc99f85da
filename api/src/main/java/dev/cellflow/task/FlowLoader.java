package dev.cellflow.task;

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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

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
    if (!source.names.contains(name)) {
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

  /** Where the flow's own classes are: their names, and how to read them. */
  static final class Source {
    final URL location;
    final Set<String> names;
    private final Path dir;
    private final JarFile jar;

    private Source(URL location, Set<String> names, Path dir, JarFile jar) {
      this.location = location;
      this.names = names;
      this.dir = dir;
      this.jar = jar;
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
        Set<String> names = new HashSet<>();
        JarFile jar = Files.isDirectory(here) ? null : new JarFile(here.toFile());
        for (String n : jar == null ? list(here) : list(jar)) {
          if (!fat || within(packageOf(n), pkg)) {
            names.add(n);
          }
        }
        dropShared(names, here, parent);
        return new Source(here.toUri().toURL(), Set.copyOf(names),
            jar == null ? here : null, jar);
      } catch (IOException | URISyntaxException | RuntimeException e) {
        return null; // the flow runs with its classes in the parent, as before
      }
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

    /** Names of the classes in folder {@code dir}. */
    private static Set<String> list(Path dir) throws IOException {
      Set<String> out = new HashSet<>();
      try (Stream<Path> files = Files.walk(dir)) {
        files.forEach(f -> {
          String rel = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
          addClass(out, rel);
        });
      }
      return out;
    }

    private static Set<String> list(JarFile jar) {
      Set<String> out = new HashSet<>();
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        addClass(out, e.nextElement().getName());
      }
      return out;
    }

    private static void addClass(Set<String> out, String path) {
      if (path.endsWith(".class") && !path.startsWith("META-INF/")
          && !path.endsWith("module-info.class") && !path.endsWith("package-info.class")) {
        out.add(path.substring(0, path.length() - 6).replace('/', '.'));
      }
    }

    /**
     * Leaves to the parent the packages another class path entry holds too (a test folder
     * beside the main one, cellflow's own packages): a class defined here could not reach their
     * package-private members there.
     */
    private static void dropShared(Set<String> names, Path here, ClassLoader parent)
        throws IOException {
      Set<String> packages = new HashSet<>();
      for (String n : names) {
        packages.add(packageOf(n));
      }
      for (String p : packages) {
        if (p.isEmpty()) {
          continue; // the default package is never split: nothing can import from it
        }
        Enumeration<URL> where = parent.getResources(p.replace('.', '/'));
        while (where.hasMoreElements()) {
          if (!inside(where.nextElement(), here)) {
            names.removeIf(n -> packageOf(n).equals(p));
            break;
          }
        }
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
