package dev.cellflow.internal.startup;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.config.Config;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * cellflow's per-machine cache of what makes JVMs start faster: the class-data archives of task
 * processes and of the runtime's own copy, what was learnt by probing this JVM build, and what
 * was read from a class path's jars (a flow's bytecode scans, the service providers). Files
 * are named by what they depend on (the JVM build, the jars with their sizes and times) through a
 * checksum, not a digest: loading the security providers for one costs a starting JVM tens of
 * milliseconds, and the JVM itself checks the jars an archive was made from when it maps one.
 * (No lambdas or streams here: the runtime's first JVM calls this, and their first use costs it.)
 */
public final class JvmCache {
  private JvmCache() {}

  /** The cache folder, {@code $XDG_CACHE_HOME/cellflow/cds}, made if missing; or null. */
  public static Path dir() {
    try {
      String home = System.getenv().getOrDefault("XDG_CACHE_HOME",
          System.getProperty("user.home") + "/.cache");
      return Files.createDirectories(Path.of(home, "cellflow", "cds"));
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** A key naming this JVM build. */
  public static StringBuilder jvmKey() {
    return new StringBuilder(System.getProperty("java.home"))
        .append(System.getProperty("java.vm.version"));
  }

  /**
   * A key naming this JVM build and the jars of {@code classpath}; null when an entry is not a
   * jar file (the JVM archives classes from jars only).
   */
  public static StringBuilder classpathKey(String classpath) {
    StringBuilder key = jvmKey();
    for (String entry : classpath.split(File.pathSeparator)) {
      File jar = new File(entry);
      if (!jar.isFile()) {
        return null;
      }
      key.append(jar.getAbsolutePath()).append(':').append(jar.length()).append(':')
          .append(jar.lastModified()).append(';');
    }
    return key;
  }

  /** The cache file {@code prefix + checksum of key + suffix}; null where there is no cache. */
  public static Path file(String prefix, CharSequence key, String suffix) {
    Path dir = dir();
    if (dir == null) {
      return null;
    }
    String text = key.toString();
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return dir.resolve(prefix + Long.toHexString(crc.getValue()) + "-"
        + Integer.toHexString(text.hashCode()) + suffix);
  }

  /**
   * The cache file for what {@code name} says of this JVM's own class path ({@code prefix +
   * checksum + suffix}); null where an entry of the class path is not a jar, or there is no cache.
   */
  public static Path classpathFile(String prefix, String name, String suffix) {
    StringBuilder key = classpathKey(System.getProperty("java.class.path", ""));
    return key == null ? null : file(prefix, key.append(name), suffix);
  }

  /**
   * Writes {@code text} as the cache file {@code file}, all or nothing (staged under a temporary
   * name, then published); a failure leaves no file, and the caller works it out again next time.
   */
  public static void writeText(Path file, CharSequence text) {
    Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid()
        + ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      publish(tmp, file);
    } catch (IOException e) {
      drop(tmp);
    }
  }

  /**
   * Moves a file a JVM wrote ({@code written}, once that JVM has exited) into place as {@code
   * target}, atomically: a reader sees all of it or none. An empty or missing file is dropped.
   */
  public static void publish(Path written, Path target) {
    try {
      if (Files.isRegularFile(written) && Files.size(written) > 0) {
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        trim(target.getParent(), maxBytes(), target);
      }
    } catch (IOException e) {
      // none this time; the next run writes one
    } finally {
      drop(written);
    }
  }

  /**
   * Marks {@code file} as used now, so that {@link #trim} keeps it: what a jar rebuilt yesterday
   * left behind goes first, not the archive every run maps. At most once an hour, as a file's
   * time is all it takes.
   */
  public static void used(Path file) {
    try {
      long now = System.currentTimeMillis();
      if (now - Files.getLastModifiedTime(file).toMillis() > 3_600_000L) {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(now));
      }
    } catch (IOException | RuntimeException e) {
      // kept by when it was made instead
    }
  }

  /**
   * The most the cache may hold: the setting {@code cacheMaxMb} ({@code CELLFLOW_CACHE_MAX_MB}),
   * or 2048 MB. A value that is not a number is named in a warning, not an error: it is read as
   * a run ends, and a cache's size is no reason to fail a run.
   */
  static long maxBytes() {
    return maxBytes(Config.load());
  }

  /** {@link #maxBytes()} as {@code config} sets it. */
  static long maxBytes(Config config) {
    try {
      return config.getLong("cacheMaxMb", 2048, "megabytes") << 20;
    } catch (CellflowException e) {
      System.err.println("warning: " + e.getMessage() + "; the JVM cache keeps its default");
      return 2048L << 20;
    }
  }

  /**
   * Deletes the least recently used files of {@code dir} (by time: see {@link #used}) until it
   * holds at most {@code max} bytes, never {@code keep} nor a file being written. Each rebuilt
   * jar makes new archives of 20-40 MB, so without this the cache only grows. A JVM that maps an
   * archive deleted here keeps its mapping; the next run makes the archive again.
   */
  static void trim(Path dir, long max, Path keep) {
    File[] files = dir.toFile().listFiles();
    if (files == null) {
      return;
    }
    Entry[] entries = new Entry[files.length];
    long total = 0;
    for (int i = 0; i < files.length; i++) {
      entries[i] = new Entry(files[i]); // times read once: sorting must see them unchanged
      total += entries[i].size;
    }
    if (total <= max) {
      return;
    }
    java.util.Arrays.sort(entries);
    for (Entry e : entries) {
      if (total <= max) {
        break;
      }
      File f = e.file;
      if (f.getName().endsWith(".tmp") || f.toPath().equals(keep) || !f.isFile()) {
        continue;
      }
      if (f.delete()) {
        total -= e.size;
      }
    }
  }

  /** A cache file with its time and size; oldest first. (Not a lambda: see the class comment.) */
  private static final class Entry implements Comparable<Entry> {
    final File file;
    final long time;
    final long size;

    Entry(File file) {
      this.file = file;
      this.time = file.lastModified();
      this.size = file.length();
    }

    @Override
    public int compareTo(Entry o) {
      return Long.compare(time, o.time);
    }
  }

  /** Deletes a temporary file of the cache, if it is still there. */
  public static void drop(Path temporary) {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      // a stray temporary file in the cache
    }
  }
}
