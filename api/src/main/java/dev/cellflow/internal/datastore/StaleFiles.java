package dev.cellflow.internal.datastore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes what killed processes left behind: a task killed while it wrote (a timeout, Ctrl-C,
 * {@code kill -9}, the OS out of memory) leaves its half-written temporary file, which nothing
 * would ever read or remove. A file is stale when nothing has written to it for a day: a live
 * writer keeps touching its file, and a day is far beyond any pause of one.
 */
public final class StaleFiles {
  /** How long a temporary file goes unwritten before it counts as left behind. */
  public static final Duration AGE = Duration.ofDays(1);

  private StaleFiles() {}

  /**
   * Deletes the regular files in {@code dir} (not below it) whose names match {@code glob} and
   * that were last written more than {@link #AGE} ago; returns how many. Best effort: a file
   * that cannot be read or deleted, or a missing folder, is left as it is.
   */
  public static int sweep(Path dir, String glob) {
    FileTime before = FileTime.from(Instant.now().minus(AGE));
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
      for (Path f : files) {
        try {
          if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).compareTo(before) < 0
              && Files.deleteIfExists(f)) {
            removed++;
          }
        } catch (IOException | SecurityException e) {
          // another process's file, or gone already
        }
      }
    } catch (IOException | SecurityException e) {
      // no folder: nothing left behind
    }
    return removed;
  }
}
