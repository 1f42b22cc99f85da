package dev.cellflow.datastore;

import dev.cellflow.CellflowException;
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
import java.util.UUID;

/**
 * Storage in a local folder. Staged bytes go to {@code _tmp/} under the root and are renamed
 * into place: a rename within one file system is atomic, so a crash leaves at most a stray
 * temporary file, never a half-written object under a real key.
 */
public final class LocalStorage implements Storage {
  private final Path root;
  private final Path tmp;

  /** Storage under {@code root}, created if missing; a clear error when it is not writable. */
  public LocalStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.tmp = this.root.resolve("_tmp");
    try {
      Files.createDirectories(tmp);
      Path probe = Files.createTempFile(tmp, "probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new CellflowException("the datastore root " + this.root + " is not writable ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose another with"
          + " --datastore-root DIR or CELLFLOW_DATASTORE_ROOT", e);
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
    return Files.exists(path(key));
  }

  @Override
  public InputStream read(String key) throws IOException {
    return Files.newInputStream(path(key));
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

  @Override
  public Staged stage() throws IOException {
    Path file = tmp.resolve(UUID.randomUUID() + ".part");
    OutputStream out = new BufferedOutputStream(
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), 1 << 16);
    return new Staged() {
      private boolean done;

      @Override
      public OutputStream out() {
        return out;
      }

      @Override
      public void commit(String key, boolean replace) throws IOException {
        out.close();
        Path target = path(key);
        Files.createDirectories(target.getParent());
        try {
          if (!replace && Files.exists(target)) {
            Files.deleteIfExists(file); // same content already stored: immutable, keep it
          } else {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
          }
        } catch (AtomicMoveNotSupportedException e) {
          throw new IOException("the datastore at " + root + " cannot rename atomically", e);
        }
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

  @Override
  public boolean createExclusive(String key, byte[] bytes) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
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
