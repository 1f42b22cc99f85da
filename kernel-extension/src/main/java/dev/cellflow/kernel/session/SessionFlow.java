package dev.cellflow.kernel.session;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.internal.cells.CellCompiler;
import dev.cellflow.internal.cells.CellSource;
import dev.cellflow.internal.cells.SessionClasspath;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.TypeDeclSnippet;

/**
 * A flow class declared in the notebook's cells ({@code public class Squares extends FlowSpec
 * {...}}), compiled as a remote cell's declarations are ({@link CellCompiler}): its cell and
 * the cells it depends on (records, methods, other classes), under the session's own class
 * names, into a folder of class files that task processes start with on their class path. The
 * kernel loads the same class files, so the runtime reads the same graph the tasks run. Closing
 * deletes the folder.
 */
public final class SessionFlow implements AutoCloseable {
  private final Path dir;
  private final Class<? extends FlowSpec> flow;
  private final String classpath;

  private SessionFlow(Path dir, Class<? extends FlowSpec> flow, String classpath) {
    this.dir = dir;
    this.flow = flow;
    this.classpath = classpath;
  }

  /** The flow class, as the kernel loaded it from the compiled class files. */
  public Class<? extends FlowSpec> flowClass() {
    return flow;
  }

  /** The class path its tasks start on: the compiled classes, then the session's. */
  public String classpath() {
    return classpath;
  }

  /**
   * Compiles class {@code name} of {@code session}, with {@code jars} (the session's {@code
   * %jars}) on the class path.
   *
   * @throws CellflowException on one line: no such class, not a flow, or it does not compile
   *     on its own (it reads a notebook variable, say)
   */
  public static SessionFlow compile(JShellSession session, String name, List<Path> jars)
      throws IOException {
    TypeDeclSnippet type = find(session, name);
    List<DeclarationSnippet> all = session.declarations();
    List<DeclarationSnippet> decls = new ArrayList<>(List.of(type));
    Set<String> names = new LinkedHashSet<>(Identifiers.of(type.source()));
    boolean grew = true;
    while (grew) { // what the class mentions, what that mentions, and so on
      grew = false;
      for (DeclarationSnippet d : all) {
        if (!decls.contains(d) && names.contains(d.name())) {
          decls.add(d);
          names.addAll(Identifiers.of(d.source()));
          grew = true;
        }
      }
    }
    decls.sort(Comparator.comparingInt(all::indexOf));
    List<String> classNames = decls.stream().map(session::className).toList();
    List<String> imports = session.imports();
    List<CellSource.Unit> units = new ArrayList<>();
    for (DeclarationSnippet d : decls) {
      String wrapped = session.wrapped(d);
      String cls = session.className(d);
      units.add(RemoteCell.unit(cls, imports, classNames,
          wrapped.substring(wrapped.indexOf("class " + cls.substring(cls.lastIndexOf('.') + 1)))));
    }
    List<String> sessionPath = new ArrayList<>(SessionClasspath.of(session.loader()));
    jars.forEach(j -> sessionPath.add(j.toAbsolutePath().toString()));
    Map<String, byte[]> classes;
    try {
      classes = new HashMap<>(CellCompiler.compile(new CellSource(imports, units, Set.of(), ""),
          sessionPath).classes());
    } catch (CellflowException e) {
      throw new CellflowException("%flow run: class " + name + " does not compile on its own: "
          + e.getMessage() + "; its steps run in task processes, which have the notebook's"
          + " classes, methods and imports but not its variables: make a value a @Parameter"
          + " or compute it in a step", e);
    }
    classes.remove(CellCompiler.CELL_CLASS); // the empty cell body the compiler adds
    Path dir = Files.createTempDirectory("cellflow-flow-");
    try {
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        Path file = dir.resolve(c.getKey().replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, c.getValue());
      }
      ClassLoader loader = new Loader(classes, FlowSpec.class.getClassLoader(),
          session.loader());
      Class<?> cls = Class.forName(session.className(type) + "$" + name, false, loader);
      if (!FlowSpec.class.isAssignableFrom(cls)) {
        throw new CellflowException("%flow run: class " + name + " is not a flow: declare it"
            + " as `public class " + name + " extends FlowSpec` with @Step methods");
      }
      String cp = dir + File.pathSeparator + String.join(File.pathSeparator, sessionPath);
      return new SessionFlow(dir, cls.asSubclass(FlowSpec.class), cp);
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      delete(dir);
      if (e instanceof CellflowException c) {
        throw c;
      }
      throw new CellflowException("%flow run: class " + name + " compiled but does not load: "
          + e, e);
    }
  }

  /** The active class {@code name}, or an error naming the flow classes there are. */
  private static TypeDeclSnippet find(JShellSession session, String name) {
    List<String> flows = new ArrayList<>();
    for (DeclarationSnippet d : session.declarations()) {
      if (d instanceof TypeDeclSnippet t) {
        if (t.name().equals(name)) {
          return t;
        }
        if (t.source().matches("(?s).*\\bextends\\s+(dev\\.cellflow\\.)?FlowSpec\\b.*")) {
          flows.add(t.name());
        }
      }
    }
    throw new CellflowException("%flow run: no class " + name + " is declared in this"
        + " notebook's cells; " + (flows.isEmpty() ? "declare one first, as in `public class "
        + name + " extends FlowSpec { @Step public void start() {...} ... }`"
        : "its flow classes: " + String.join(", ", flows)));
  }

  @Override
  public void close() {
    delete(dir);
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }

  /**
   * Defines the compiled classes itself (a JShell class of the same name may be visible to the
   * parent in JJava, where cellflow is on the session's class path), serves their bytes as
   * resources (the graph is read from the bytecode), takes cellflow's classes from {@code
   * parent} and the session's jars from {@code session}.
   */
  private static final class Loader extends ClassLoader {
    private final Map<String, byte[]> classes;
    private final ClassLoader session;

    Loader(Map<String, byte[]> classes, ClassLoader parent, ClassLoader session) {
      super(parent);
      this.classes = classes;
      this.session = session;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          byte[] b = classes.get(name);
          if (b != null) {
            c = defineClass(name, b, 0, b.length);
          } else {
            try {
              c = getParent().loadClass(name);
            } catch (ClassNotFoundException e) {
              c = session.loadClass(name);
            }
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      if (name.endsWith(".class")) {
        byte[] b = classes.get(name.substring(0, name.length() - 6).replace('/', '.'));
        if (b != null) {
          return new ByteArrayInputStream(b);
        }
      }
      InputStream in = super.getResourceAsStream(name);
      return in != null ? in : session.getResourceAsStream(name);
    }
  }
}
