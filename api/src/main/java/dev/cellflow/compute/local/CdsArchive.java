package dev.cellflow.compute.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * A class-data-sharing archive of the classes a task process loads, made once per classpath and
 * JVM. Measured here: a task process that loads Jackson and cellflow starts in about 0.2 s with
 * the archive and 0.5 s without it. The first process of a classpath writes the archive when it
 * exits (to a temporary name, renamed once complete); the others map it. Disabled with {@code
 * CELLFLOW_CDS=false}.
 */
final class CdsArchive {
  private final Path archive;
  private Path dumping;

  private CdsArchive(Path archive) {
    this.archive = archive;
  }

  /**
   * The archive for {@code classpath}, or null when disabled or not possible. Named by a
   * checksum, not a digest: loading the security providers for one delayed the run's first task
   * process by tens of milliseconds, and the JVM itself checks the jars an archive was made from
   * (their sizes and times) when it maps one, and runs without it when they differ.
   */
  static CdsArchive forClasspath(String classpath) {
    if ("false".equalsIgnoreCase(System.getenv("CELLFLOW_CDS"))) {
      return null;
    }
    StringBuilder key = new StringBuilder(System.getProperty("java.home"))
        .append(System.getProperty("java.vm.version"));
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      java.io.File jar = new java.io.File(entry);
      if (!jar.isFile()) {
        return null; // the JVM archives classes from jars only
      }
      key.append(jar.getAbsolutePath()).append(':').append(jar.length()).append(':')
          .append(jar.lastModified()).append(';');
    }
    Path dir = cacheDir();
    if (dir == null) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(key.toString().getBytes(StandardCharsets.UTF_8));
    return new CdsArchive(dir.resolve("task-" + Long.toHexString(crc.getValue()) + "-"
        + Integer.toHexString(key.toString().hashCode()) + ".jsa"));
  }

  /** cellflow's folder of archives (and other per-machine facts), made if missing; or null. */
  static Path cacheDir() {
    try {
      String home = System.getenv().getOrDefault("XDG_CACHE_HOME",
          System.getProperty("user.home") + "/.cache");
      return Files.createDirectories(Path.of(home, "cellflow", "cds"));
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** Whether the archive is written: a new process maps it rather than writing it. */
  boolean written() {
    return Files.isRegularFile(archive);
  }

  /**
   * The JVM options for a new task process: map the archive when it exists; else let one process
   * (the first asked for) write it.
   */
  synchronized List<String> jvmOptions() {
    List<String> quiet = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    if (Files.isRegularFile(archive)) {
      return concat(quiet, "-XX:SharedArchiveFile=" + archive);
    }
    if (dumping == null) {
      dumping = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
      return concat(quiet, "-XX:ArchiveClassesAtExit=" + dumping);
    }
    return List.of();
  }

  /** Publishes the archive the dumping process wrote, once it has exited. */
  synchronized void publish(Process dumper) {
    if (dumping == null) {
      return;
    }
    try {
      if (dumper.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && Files.size(dumping) > 0) {
        Files.move(dumping, archive, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | InterruptedException e) {
      // no archive this time; the next run tries again
    } finally {
      try {
        Files.deleteIfExists(dumping);
      } catch (IOException e) {
        // a stray temporary file in the cache
      }
      dumping = null;
    }
  }

  /** Whether {@code options} make a process write the archive. */
  static boolean dumps(List<String> options) {
    return options.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"));
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.add(b);
    return out;
  }
}
