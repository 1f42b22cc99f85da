package dev.cellflow.internal.launcher;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.internal.cli.Cli;
import dev.cellflow.internal.cells.NotebookExport;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The {@code cellflow} command: {@code export NOTEBOOK.ipynb -o flow.jar} writes a runnable
 * flow jar, and {@code COMMAND FILE [options]} runs any flow command ({@code run}, {@code
 * resume}, {@code logs}, {@code show}, ...) on a notebook or a JShell script as if it were a
 * flow class.
 */
public final class Launcher {
  private static final String USAGE = """
      usage: cellflow export NOTEBOOK.ipynb|SCRIPT.jsh -o FLOW.jar [--source FLOW.java]
             cellflow COMMAND NOTEBOOK.ipynb|SCRIPT.jsh [options]
      COMMAND is a flow command: run, resume, check, show, logs, runs, report; e.g.
             cellflow run script.jsh --max-workers 4
             cellflow logs script.jsh 3/start""";

  private Launcher() {}

  /** Runs {@code args}; exits with the command's exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code args}; returns the exit code. */
  public static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    try {
      if (args[0].equals("export")) {
        // compiling runs once: a copy of this JVM with C1 only, the serial collector and a
        // class-data archive of javac's and JShell's classes spends about a third less CPU
        int code = dev.cellflow.internal.startup.DriverJvm.relaunch(Launcher.class.getName());
        return code >= 0 ? code : export(Arrays.asList(args).subList(1, args.length));
      }
      if (args.length < 2 || !(args[1].endsWith(".jsh") || args[1].endsWith(".ipynb"))) {
        throw new CellflowException("cellflow " + String.join(" ", args) + ": give a notebook"
            + " (.ipynb) or a JShell script (.jsh) after the command\n" + USAGE);
      }
      return flowCommand(args[0], Path.of(args[1]),
          Arrays.copyOfRange(args, 2, args.length));
    } catch (IOException | RuntimeException e) {
      return dev.cellflow.internal.cli.Failure.report(e, new java.io.PrintWriter(System.err, true));
    }
  }

  private static int export(List<String> args) throws IOException {
    Path in = null;
    Path out = null;
    Path source = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-o") || a.equals("--output")) {
        if (i + 1 >= args.size()) {
          throw new CellflowException("export: " + a + " needs the jar to write, as in -o"
              + " flow.jar");
        }
        out = Path.of(args.get(++i));
      } else if (a.equals("--source")) {
        if (i + 1 >= args.size()) {
          throw new CellflowException("export: --source needs the file to write the flow"
              + " class's Java source to");
        }
        source = Path.of(args.get(++i));
      } else if (a.startsWith("-")) {
        throw new CellflowException("export: unknown option " + a + "\n" + USAGE);
      } else if (in == null) {
        in = Path.of(a);
      } else {
        throw new CellflowException("export: one notebook at a time; '" + a + "' is extra");
      }
    }
    if (in == null || out == null) {
      throw new CellflowException("export: give the notebook and -o FLOW.jar\n" + USAGE);
    }
    NotebookExport flow = NotebookExport.compile(in, classpath());
    Path dir = out.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new CellflowException("export: -o " + out + ": the folder " + dir + " does not"
          + " exist");
    }
    flow.writeJar(out, classpath());
    if (source != null) {
      Files.writeString(source, flow.source());
    }
    System.out.println("Exported flow " + flow.flowName() + " to " + out + " (java -jar " + out
        + " run)");
    return 0;
  }

  private static int flowCommand(String command, Path file, String[] rest) throws IOException {
    Path jar = compiled(file);
    Attributes main;
    try (JarFile j = new JarFile(jar.toFile())) {
      main = j.getManifest().getMainAttributes();
    }
    // task processes start on this process's classpath: the flow's classes go on it first
    List<String> cp = new ArrayList<>(List.of(jar.toString()));
    String jars = main.getValue(NotebookExport.JARS_ATTRIBUTE);
    if (jars != null && !jars.isEmpty()) {
      cp.add(jars);
    }
    cp.add(classpath());
    System.setProperty("java.class.path", String.join(File.pathSeparator, cp));
    List<URL> urls = new ArrayList<>();
    for (String p : cp.subList(0, cp.size() - 1)) {
      for (String one : p.split(File.pathSeparator)) {
        urls.add(Path.of(one).toUri().toURL());
      }
    }
    URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
        Launcher.class.getClassLoader());
    Class<? extends FlowSpec> cls;
    try {
      cls = Class.forName(main.getValue(Attributes.Name.MAIN_CLASS), true, loader)
          .asSubclass(FlowSpec.class);
    } catch (ClassNotFoundException e) {
      throw new CellflowException(jar + " holds no flow class; remove it to compile " + file
          + " again");
    }
    String[] args = new String[rest.length + 1];
    args[0] = command;
    System.arraycopy(rest, 0, args, 1, rest.length);
    return Cli.execute(cls, args);
  }

  /**
   * The flow's classes in a jar, compiled on first use and kept under a name made from the
   * file's text, cellflow's classpath and the folder it runs in (where {@code %jars} paths are
   * read from): a second command on an unchanged script starts at once, and runs of two
   * versions of a script never share a jar.
   */
  private static Path compiled(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] text;
    try {
      text = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CellflowException(file + ": no such file");
    }
    sha.update(text);
    for (String s : new String[] {classpath(), Path.of("").toAbsolutePath().toString()}) {
      sha.update((byte) 0);
      sha.update(s.getBytes(StandardCharsets.UTF_8));
    }
    String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    Path dir = Path.of(System.getProperty("user.home"), ".cache", "cellflow", "flows");
    Files.createDirectories(dir);
    String name = file.getFileName().toString().replaceAll("\\.(jsh|ipynb)$", "");
    Path jar = dir.resolve(name + "-" + hash + ".jar");
    if (!Files.exists(jar)) {
      NotebookExport.compile(file, classpath()).writeClassesJar(jar);
    }
    return jar;
  }

  private static String classpath() {
    return System.getProperty("java.class.path");
  }
}
