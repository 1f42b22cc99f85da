package dev.cellflow.internal.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleFilesTest {
  @TempDir Path dir;

  private Path file(Path where, String name, boolean old) throws IOException {
    Path f = Files.createDirectories(where).resolve(name);
    Files.writeString(f, "half-written");
    if (old) {
      Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(StaleFiles.AGE)
          .minusSeconds(60)));
    }
    return f;
  }

  @Test
  void openingTheLocalDatastoreRemovesWhatKilledWritersLeftAndNothingElse() throws IOException {
    Path tmp = dir.resolve("store/_tmp");
    Path dead = file(tmp, "0b1e.part", true);
    Path live = file(tmp, "77aa.part", false); // a writer at work in another process
    Path stored = file(dir.resolve("store/F/1"), "old.part", true); // under a real key: data

    LocalStorage storage = new LocalStorage(dir.resolve("store"));

    assertFalse(Files.exists(dead), "a temporary file nobody wrote to for a day is removed");
    assertTrue(Files.exists(live), "a recent one may belong to a live writer");
    assertTrue(Files.exists(stored), "only the temporary folder is swept");
    storage.stage().commit("F/1/x", false); // the storage still works
    assertTrue(Files.exists(dir.resolve("store/F/1/x")));
  }

  @Test
  void sweepsOnlyMatchingRegularFilesAndToleratesAMissingFolder() throws IOException {
    Path dead = file(dir, "cellflow-s3-1.part", true);
    Path other = file(dir, "someone-else.part", true);
    Path folder = Files.createDirectories(dir.resolve("cellflow-s3-dir.part"));
    Files.setLastModifiedTime(folder, FileTime.from(Instant.EPOCH));

    assertEquals(1, StaleFiles.sweep(dir, "cellflow-s3-*.part"));
    assertFalse(Files.exists(dead));
    assertTrue(Files.exists(other));
    assertTrue(Files.isDirectory(folder));
    assertEquals(0, StaleFiles.sweep(dir.resolve("missing"), "*.part"));
  }
}
