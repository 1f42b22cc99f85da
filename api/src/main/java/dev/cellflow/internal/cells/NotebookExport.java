package dev.cellflow.internal.cells;

import dev.cellflow.CellflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * A flow notebook (or JShell script) made into a flow class: its step cells become step
 * methods compiled to real classes, so its code runs the same in a task process or a Batch
 * container as any flow written as a class.
 *
 * @param flowName the flow's name, from {@code %flow NAME}
 * @param className the flow class's binary name
 * @param classes class files by binary name
 * @param jars the jars its cells added with {@code %jars}
 * @param source the Java source of the flow class, for a user who wants to read or keep it
 */
public record NotebookExport(String flowName, String className, Map<String, byte[]> classes,
    List<Path> jars, String source) {
  /** The manifest attribute of a classes-only jar that lists the notebook's own jars. */
  public static final String JARS_ATTRIBUTE = "Cellflow-Jars";

  /**
   * Compiles the notebook or script {@code file} against {@code classpath}; its steps are the
   * cells the kernel it was written for makes steps ({@link StepCells#of}).
   */
  public static NotebookExport compile(Path file, String classpath) {
    List<Cell> cells = NotebookFiles.read(file);
    return compile(file.getFileName().toString(), cells, classpath,
        StepCells.of(cells, NotebookFiles.kernelName(file)));
  }

  /** Compiles the code cells {@code code} of cellflow's kernel ({@link StepCells#EVERY}). */
  public static NotebookExport compile(String what, List<Cell> code, String classpath) {
    return compile(what, code, classpath, StepCells.EVERY);
  }

  /**
   * Compiles the code cells {@code code} (a kernel's executed cells, say) against {@code
   * classpath}, {@code steps} saying which are steps; {@code what} names them in messages.
   */
  public static NotebookExport compile(String what, List<Cell> code, String classpath,
      StepCells steps) {
    List<CellMagics> cells = new ArrayList<>();
    for (Cell c : code) {
      try {
        cells.add(CellMagics.of(c));
      } catch (CellflowException e) {
        throw new CellflowException(what + ": " + e.getMessage(), e);
      }
    }
    FlowTranslator.Parts parts = FlowTranslator.translate(what, cells, classpath, steps);
    String className = FlowClassWriter.PACKAGE + "." + parts.flowName();
    List<Path> jars = new ArrayList<>();
    cells.forEach(c -> jars.addAll(c.jars()));
    String cp = classpath;
    for (Path j : jars) {
      cp += java.io.File.pathSeparator + j;
    }
    GeneratedSource source = FlowClassWriter.write(parts);
    String javaSource = source.toString();
    Map<String, byte[]> classes = FlowCompiler.compile(what, className, source, cp);
    return new NotebookExport(parts.flowName(), className, classes, jars, javaSource);
  }

  /**
   * Writes a runnable jar: the flow's classes, and the contents of the jars and class folders
   * on {@code classpath} (what cellflow itself runs from) and of the notebook's jars, so that
   * {@code java -jar} needs nothing else. Service files of the same name are merged.
   */
  public void writeJar(Path jar, String classpath) throws IOException {
    List<Path> bundle = new ArrayList<>();
    for (String p : classpath.split(java.io.File.pathSeparator)) {
      if (!p.isBlank()) {
        bundle.add(Path.of(p));
      }
    }
    write(jar, bundle, true);
  }

  /**
   * Writes the flow's classes alone into {@code jar}, for a run that has cellflow on its
   * classpath; the notebook's jars are named in its manifest ({@value #JARS_ATTRIBUTE}), not
   * copied.
   */
  public void writeClassesJar(Path jar) throws IOException {
    write(jar, List.of(), false);
  }

  private void write(Path jar, List<Path> bundle, boolean withJars) throws IOException {
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, className);
    mf.getMainAttributes().putValue("Created-By", "cellflow export");
    if (!withJars) {
      mf.getMainAttributes().putValue(JARS_ATTRIBUTE, String.join(java.io.File.pathSeparator,
          jars.stream().map(j -> j.toAbsolutePath().toString()).toList()));
    }
    Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), ".export", ".jar");
    try {
      Files.delete(tmp); // the name is ours; the jar is made by copying onto it
      List<Path> all = new ArrayList<>(bundle);
      if (withJars) {
        all.addAll(jars);
      }
      RunnableJar.write(tmp, mf, classes, all, java.util.Set.copyOf(bundle));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      // a temporary file is private to its owner; a jar is for others to run too
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions
          .fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own defaults hold
    }
    Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
