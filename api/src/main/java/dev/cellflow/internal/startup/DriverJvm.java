package dev.cellflow.internal.startup;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code cellflow export}'s JVM again with the options that make it start fast, which
 * its command line cannot carry: C1 only, the serial collector and a class-data archive of its
 * own classes (written by the first export of a class path, mapped by the later ones). Compiling
 * runs once: C2's compiling costs more CPU than its code saves (docs/performance.md: about 2.7
 * s of CPU less per export).
 *
 * <p>A flow's own {@code run} was relaunched too, until the pieces that came after it (quick
 * run, the scan and service caches, CDS for task processes) left its JVM little to do: measured
 * in three sittings on the shaded jar and on a multi-jar class path (docs/startup.md), the copy
 * saved no CPU beyond noise and, on the loaded machine, its start made the cold run's wall time
 * longer, while making the code in a flow's {@code main} run twice.
 *
 * <p>It is done only when safe: never when the command line cannot be read (not Linux), names a
 * class-data or agent option of its own (a debugger would attach to this JVM, not the copy), or
 * when the {@link FastStart} switch {@code relaunch} is off ({@code CELLFLOW_RELAUNCH=false} or
 * {@code CELLFLOW_FAST_START=false}); with {@code cds} off the copy has no archive. Anything
 * that fails here leaves this JVM to do the work itself. (No lambdas, streams or regular
 * expressions here: their first use costs this short-lived JVM tens of milliseconds.)
 *
 * <p>The copy never outlives this JVM. Its input is a pipe that this JVM holds open and never
 * writes to; the operating system closes it when this JVM ends, however it ends, so the copy
 * sees the end of its input at once even after a {@code kill -9}, which no shutdown hook here
 * can pass on. It then exits as on a SIGTERM. (A pipe rather than polling for the parent
 * process: no delay, no cost while the copy works, and no pid that another process could take
 * over.) An export reads nothing from its input, so the copy loses nothing by not having the
 * terminal's.
 */
public final class DriverJvm {
  /** Set in the copy, so that it does not start another. */
  static final String COPY = "cellflow.driver.copy";

  /** The copy's exit code when the JVM that started it has gone (as if by SIGKILL). */
  static final int PARENT_GONE = 137;

  private DriverJvm() {}

  /**
   * Runs this JVM's command line again in a fast-starting copy and returns the copy's exit code,
   * or -1 when this JVM should run the command itself. {@code mainClass} is the class whose
   * {@code main} calls this: a command line that started another class is left alone.
   */
  public static int relaunch(String mainClass) {
    if (System.getProperty(COPY) != null) {
      watchParent();
      return -1;
    }
    try {
      if (!FastStart.on(FastStart.Piece.RELAUNCH)) {
        return -1;
      }
      List<String> argv = commandLine();
      String started = System.getProperty("sun.java.command", "").split(" ", 2)[0];
      if (argv == null || !(started.equals(mainClass) || started.endsWith(".jar"))
          || !argv.contains(started) || hasOwnOptions(argv)) {
        return -1;
      }
      Path archive = FastStart.on(FastStart.Piece.CDS) ? archive(started, argv) : null;
      Path dumping = archive == null || Files.isRegularFile(archive) ? null
          : archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid()
              + ".tmp");
      // its input stays a pipe from this JVM: see watchParent
      Process copy = new ProcessBuilder(copyCommand(argv, archive, dumping))
          .redirectOutput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (archive != null && dumping == null) {
        JvmCache.used(archive); // while the copy starts: this JVM only waits from here on
      }
      // Ctrl-C reaches both JVMs; a SIGTERM to this one only: pass it on, and wait for the copy
      // to record its run as killed
      Runtime.getRuntime().addShutdownHook(new Thread("cellflow-driver-copy") {
        @Override
        public void run() {
          copy.destroy();
          try {
            copy.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      int code = copy.waitFor();
      if (dumping != null) {
        JvmCache.publish(dumping, archive);
      }
      return code;
    } catch (IOException | InterruptedException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * In the copy: exits, as on SIGTERM, once its input ends, which is when the JVM that started
   * it has ended (see the class comment). Until then the thread waits in a blocking read.
   */
  private static void watchParent() {
    Thread watch = new Thread("cellflow-driver-parent") {
      @Override
      public void run() {
        try {
          while (System.in.read() >= 0) {
            // nothing is sent: only the end matters
          }
        } catch (IOException e) {
          // an input that cannot be read is a closed one
        }
        System.err.println("cellflow: the JVM that started this command has ended; stopping");
        System.exit(PARENT_GONE);
      }
    };
    watch.setDaemon(true);
    watch.start();
  }

  /** {@code argv} with the fast-start options (and the archive's) after the {@code java}. */
  static List<String> copyCommand(List<String> argv, Path archive, Path dumping) {
    List<String> cmd = new ArrayList<>();
    cmd.add(argv.get(0));
    cmd.add("-D" + COPY + "=true");
    // FlowSpec.main's engine, named: the copy reads no service file, so opens no jar for it
    cmd.add("-D" + dev.cellflow.FlowEngine.class.getName() + "=dev.cellflow.internal.cli.CliEngine"); // by name: startup depends on no cli class
    // control work that runs once: C2's compiling costs more CPU than its code saves
    cmd.add("-XX:TieredStopAtLevel=1");
    if (!namesCollector(argv)) {
      cmd.add("-XX:+UseSerialGC"); // a small heap of short-lived objects; no GC threads to start
    }
    cmd.add("-XX:-UsePerfData"); // no hsperfdata file to create and map
    if (archive != null) {
      cmd.add("-Xlog:cds=off");
      cmd.add("-Xlog:cds+dynamic=off");
      cmd.add(dumping != null ? "-XX:ArchiveClassesAtExit=" + dumping
          : "-XX:SharedArchiveFile=" + archive);
    }
    cmd.addAll(argv.subList(1, argv.size()));
    return cmd;
  }

  /** Whether the command line or the environment sets options the copy must not double. */
  static boolean hasOwnOptions(List<String> argv) {
    List<String> all = new ArrayList<>(argv);
    for (String env : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
      String v = System.getenv(env);
      if (v != null) {
        all.addAll(List.of(v.trim().split("\\s+")));
      }
    }
    for (String a : all) {
      for (String own : OWN_OPTIONS) {
        if (a.startsWith(own)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final String[] OWN_OPTIONS = {"-Xshare", "-XX:SharedArchive",
      "-XX:ArchiveClasses", "-agentlib", "-agentpath", "-javaagent", "-Xrun", "-Xdebug"};

  /** Whether {@code argv} picks a garbage collector (the copy must not name a second one). */
  private static boolean namesCollector(List<String> argv) {
    for (String a : argv) {
      if (a.startsWith("-XX:+Use") && a.endsWith("GC")) {
        return true;
      }
    }
    return false;
  }

  /** This process's command line, or null where it cannot be read. */
  private static List<String> commandLine() throws IOException {
    File f = new File("/proc/self/cmdline");
    if (!f.canRead()) {
      return null;
    }
    byte[] bytes;
    try (InputStream in = new FileInputStream(f)) {
      bytes = in.readAllBytes();
    }
    List<String> argv = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        argv.add(new String(bytes, from, i - from, StandardCharsets.UTF_8));
        from = i + 1;
      }
    }
    return argv.isEmpty() ? null : argv;
  }

  /**
   * The archive for this classpath, main class and command, or null where there can be none
   * (see {@link JvmCache}).
   */
  private static Path archive(String started, List<String> argv) {
    int at = argv.indexOf(started);
    String command = at + 1 < argv.size() ? argv.get(at + 1) : ""; // run, show, ...
    return JvmCache.classpathFile("driver-", started + " " + command, ".jsa");
  }
}
