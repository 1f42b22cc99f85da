package dev.cellflow.internal.datastore;

import dev.cellflow.CellflowException;
import dev.cellflow.datastore.Storage;
import dev.cellflow.datastore.StorageProvider;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Storage in a local folder. Staged bytes go to {@code _tmp/} under the root and are renamed
 * into place: a rename within one file system is atomic, so a crash leaves at most a stray
 * temporary file, never a half-written object under a real key.
 */
public final class LocalStorage implements Storage {
  private final Path root;
  private final Path tmp;

  /** Why this storage cannot be written (its first write gives it as the error), or null. */
  private final CellflowException readOnly;

  /**
   * Storage under {@code root}, created if missing. An existing root that cannot be written (an
   * archived or shared datastore) opens read-only: reading works, and the first write is a clear
   * error; a root that cannot be created is that error at once.
   */
  public LocalStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.tmp = this.root.resolve("_tmp");
    CellflowException refused = null;
    try {
      Files.createDirectories(tmp);
      Path probe = newFile(".tmp");
      Files.delete(probe);
      StaleFiles.sweep(tmp, "*.{part,tmp}");
    } catch (IOException | SecurityException e) {
      refused = new CellflowException("the datastore root " + this.root + " is not writable ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose another with"
          + " --datastore-root DIR or CELLFLOW_DATASTORE_ROOT", e);
      if (!Files.isDirectory(this.root)) {
        throw refused;
      }
    }
    this.readOnly = refused;
  }

  /** Whether this storage can only be read (see the constructor). */
  public boolean readOnly() {
    return readOnly != null;
  }

  private void writable() {
    if (readOnly != null) {
      throw new CellflowException(readOnly.getMessage(), readOnly.getCause());
    }
  }

  @Override
  public String root() {
    return root.toString();
  }

  /** The file that holds {@code key}. */
  public Path path(String key) {
    return root.resolve(key);
  }

  @Override
  public boolean exists(String key) {
    // java.io.File answers with one stat; Files.exists throws and catches an exception inside
    // for every missing file (JDK 17), and a task asks about missing keys several times
    return path(key).toFile().exists();
  }

  /**
   * Folders known to exist under the root. A task writes several objects into folders that
   * mostly exist already, and Files.createDirectories on an existing folder costs a failed
   * mkdir and an exception; folders here are never removed while a process uses them.
   */
  private final Set<Path> folders = ConcurrentHashMap.newKeySet();

  private void createParents(Path target) throws IOException {
    Path dir = target.getParent();
    if (!folders.contains(dir)) {
      if (!dir.toFile().isDirectory()) {
        Files.createDirectories(dir);
      }
      folders.add(dir);
    }
  }

  @Override
  public InputStream read(String key) throws IOException {
    return Files.newInputStream(path(key));
  }

  @Override
  public java.nio.channels.FileChannel channel(String key) throws IOException {
    return java.nio.channels.FileChannel.open(path(key));
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    Path dir = path(prefix);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        out.add(p.getFileName().toString());
      }
    }
    Collections.sort(out);
    return out;
  }

  private static final AtomicLong STAGED = new AtomicLong();

  /**
   * A new empty file in the temporary folder, under a name no other writer of it uses: process,
   * count and a random number. Not {@code UUID.randomUUID()} or {@code Files.createTempFile}:
   * their secure random numbers load the JVM's security providers, about 25 ms of a run's start
   * in each process, for names that only need to differ (and a clash is drawn again, never
   * overwritten).
   */
  private Path newFile(String suffix) throws IOException {
    while (true) {
      Path file = tmp.resolve(ProcessHandle.current().pid() + "-" + STAGED.incrementAndGet() + "-"
          + Long.toHexString(ThreadLocalRandom.current().nextLong()) + suffix);
      try {
        return Files.createFile(file);
      } catch (FileAlreadyExistsException e) {
        // another process drew the same name: draw again
      }
    }
  }

  @Override
  public Staged stage() throws IOException {
    writable();
    Path file = newFile(".part");
    OutputStream out = new BufferedOutputStream(
        Files.newOutputStream(file, StandardOpenOption.WRITE), 1 << 16);
    return new Staged() {
      private boolean done;

      @Override
      public OutputStream out() {
        return out;
      }

      @Override
      public void commit(String key, boolean replace) throws IOException {
        out.close();
        publish(file, key, replace);
        done = true;
      }

      @Override
      public void close() throws IOException {
        if (!done) {
          out.close();
          Files.deleteIfExists(file);
        }
      }
    };
  }

  /**
   * Writes small bytes under {@code key} without {@link #stage}'s 64 KB buffer: a task writes
   * several such objects, and in a warm task process each buffer was fresh memory, which a VM
   * hands out slowly (a quarter of a trivial task's time went to page faults).
   */
  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path file = newFile(".part");
    try {
      Files.write(file, bytes, StandardOpenOption.WRITE);
      publish(file, key, true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Renames staged {@code file} to {@code key}; without {@code replace}, an object there stays. */
  private void publish(Path file, String key, boolean replace) throws IOException {
    Path target = path(key);
    createParents(target);
    try {
      if (!replace && target.toFile().exists()) {
        Files.deleteIfExists(file); // same content already stored: immutable, keep it
      } else {
        try {
          Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.NoSuchFileException e) {
          // the folder went away after it was remembered: make it again, once
          folders.remove(target.getParent());
          Files.createDirectories(target.getParent());
          Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the datastore at " + root + " cannot rename atomically", e);
    }
  }

  @Override
  public boolean createExclusive(String key, byte[] bytes) throws IOException {
    writable();
    Path target = path(key);
    createParents(target);
    try {
      Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /** The provider for {@code --datastore local}. */
  public static final class Provider implements StorageProvider {
    @Override
    public String name() {
      return "local";
    }

    @Override
    public Storage open(String root) {
      return new LocalStorage(Path.of(root));
    }
  }
}
