package dev.cellflow.internal.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A class-data-sharing archive of the classes a task process loads, made once per classpath and
 * JVM. Measured here: a task process that loads Jackson and cellflow starts in about 0.2 s with
 * the archive and 0.5 s without it. The first process of a classpath writes the archive when it
 * exits (to a temporary name, renamed once complete); the others map it. Disabled with {@code
 * CELLFLOW_CDS=false} (the {@link FastStart} switch {@code cds}).
 */
public final class CdsArchive {
  private final Path archive;
  private Path dumping;
  private boolean marked; // as used, for the cache to keep it

  private CdsArchive(Path archive) {
    this.archive = archive;
  }

  /** The archive for {@code classpath}, or null when disabled or not possible. */
  public static CdsArchive forClasspath(String classpath) {
    if (!FastStart.on(FastStart.Piece.CDS)) {
      return null;
    }
    StringBuilder key = JvmCache.classpathKey(classpath);
    Path file = key == null ? null : JvmCache.file("task-", key, ".jsa");
    return file == null ? null : new CdsArchive(file);
  }

  /** Whether the archive is written: a new process maps it rather than writing it. */
  public boolean written() {
    return Files.isRegularFile(archive);
  }

  /**
   * The JVM options for a new task process: map the archive when it exists; else let one process
   * (the first asked for) write it.
   */
  public synchronized List<String> jvmOptions() {
    List<String> quiet = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    if (Files.isRegularFile(archive)) {
      if (!marked) {
        JvmCache.used(archive);
        marked = true;
      }
      return concat(quiet, "-XX:SharedArchiveFile=" + archive);
    }
    if (dumping == null) {
      dumping = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
      return concat(quiet, "-XX:ArchiveClassesAtExit=" + dumping);
    }
    return List.of();
  }

  /** Publishes the archive the dumping process wrote, once it has exited. */
  public synchronized void publish(Process dumper) {
    if (dumping == null) {
      return;
    }
    boolean exited = false;
    try {
      exited = dumper.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      // no archive this time; the next run tries again
    }
    if (exited) {
      JvmCache.publish(dumping, archive);
    } else {
      JvmCache.drop(dumping); // still writing: its half-made archive is not used
    }
    dumping = null;
  }

  /** Whether {@code options} make a process write the archive. */
  public static boolean dumps(List<String> options) {
    return options.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"));
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.add(b);
    return out;
  }
}
