package dev.cellflow.kernel;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl;

/**
 * Defines the classes JShell compiles for the kernel's session, in this JVM, and holds the jars
 * the session added: the loader is ours, so the magics read the session's live values.
 */
final class SessionLoader implements LoaderDelegate {
  private final Loader loader = new Loader(SessionLoader.class.getClassLoader());

  /** The loader the session's classes live in. */
  ClassLoader loader() {
    return loader;
  }

  @Override
  public void load(ExecutionControl.ClassBytecodes[] cbcs)
      throws ExecutionControl.ClassInstallException {
    boolean[] installed = new boolean[cbcs.length];
    for (int i = 0; i < cbcs.length; i++) {
      loader.declared.put(cbcs[i].name(), cbcs[i].bytecodes());
    }
    for (int i = 0; i < cbcs.length; i++) {
      try {
        Class.forName(cbcs[i].name(), false, loader);
        installed[i] = true;
      } catch (ClassNotFoundException | LinkageError e) {
        throw new ExecutionControl.ClassInstallException("cannot load " + cbcs[i].name() + ": "
            + e, installed);
      }
    }
  }

  @Override
  public void classesRedefined(ExecutionControl.ClassBytecodes[] cbcs) {
    for (ExecutionControl.ClassBytecodes c : cbcs) {
      loader.declared.put(c.name(), c.bytecodes());
    }
  }

  @Override
  public void addToClasspath(String path) throws ExecutionControl.InternalException {
    try {
      for (String p : path.split(java.io.File.pathSeparator)) {
        if (!p.isBlank()) {
          loader.add(Path.of(p).toUri().toURL());
        }
      }
    } catch (java.net.MalformedURLException e) {
      throw new ExecutionControl.InternalException("bad class path entry: " + e.getMessage());
    }
  }

  @Override
  public Class<?> findClass(String name) throws ClassNotFoundException {
    return Class.forName(name, false, loader);
  }

  /** JShell's classes from their bytes; the session's jars; the kernel's classes. */
  private static final class Loader extends URLClassLoader {
    final Map<String, byte[]> declared = new ConcurrentHashMap<>();

    static {
      registerAsParallelCapable();
    }

    Loader(ClassLoader parent) {
      super(new URL[0], parent);
    }

    void add(URL url) {
      addURL(url);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = declared.get(name);
      if (b != null) {
        return defineClass(name, b, 0, b.length);
      }
      return super.findClass(name);
    }
  }
}
