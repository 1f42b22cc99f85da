package dev.cellflow.internal.notebook;

import java.util.Map;

/**
 * The classes of a cell compiled in the kernel, as a task process defines them: the task needs
 * no compiler, only this loader and the name of the class the cell's body became.
 */
public final class CellClasses {
  /** The binary name of the class a cell's body becomes; its {@code run()} runs the cell. */
  public static final String CELL_CLASS = "REPL.$CellflowCell";

  private CellClasses() {}

  /** A loader that defines {@code classes} (class files by binary name) over {@code parent}. */
  public static ClassLoader load(Map<String, byte[]> classes, ClassLoader parent) {
    return new Loader(classes, parent);
  }

  /** Defines the compiled classes; everything else comes from the parent. */
  private static final class Loader extends ClassLoader {
    private final Map<String, byte[]> classes;

    Loader(Map<String, byte[]> classes, ClassLoader parent) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = classes.get(name);
      if (b == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, b, 0, b.length);
    }
  }
}
