package dev.cellflow.internal.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.internal.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmCacheTest {
  private static Path file(Path dir, String name, int kb, long daysAgo) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, new byte[kb * 1024]);
    Files.setLastModifiedTime(f,
        FileTime.fromMillis(System.currentTimeMillis() - daysAgo * 86_400_000L));
    return f;
  }

  @Test
  void trimmingDeletesTheLeastRecentlyUsedFirst(@TempDir Path dir) throws Exception {
    Path oldest = file(dir, "a.jsa", 400, 9);
    Path old = file(dir, "b.jsa", 400, 5);
    Path recent = file(dir, "c.jsa", 400, 1);
    Path fresh = file(dir, "d.jsa", 400, 0);
    Path writing = file(dir, "e.jsa.123.tmp", 400, 30); // another JVM is writing it

    JvmCache.trim(dir, 1300 * 1024, fresh);

    assertFalse(Files.exists(oldest));
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(recent));
    assertTrue(Files.exists(fresh));
    assertTrue(Files.exists(writing));
  }

  @Test
  void theFileJustPublishedIsKeptEvenWhenItIsTheOldest(@TempDir Path dir) throws Exception {
    Path published = file(dir, "a.jsa", 400, 9); // a clock set back, a copied file
    Path other = file(dir, "b.jsa", 400, 1);
    JvmCache.trim(dir, 500 * 1024, published);
    assertTrue(Files.exists(published));
    assertFalse(Files.exists(other));
  }

  @Test
  void aCacheUnderItsLimitIsLeftAlone(@TempDir Path dir) throws Exception {
    Path a = file(dir, "a.jsa", 100, 90);
    Path b = file(dir, "b.txt", 1, 90);
    JvmCache.trim(dir, 1 << 20, null);
    assertTrue(Files.exists(a) && Files.exists(b));
  }

  @Test
  void usingAFileMakesItRecent(@TempDir Path dir) throws Exception {
    Path a = file(dir, "a.jsa", 1, 9);
    a.toFile().setReadOnly(); // as the JVM leaves its archives
    JvmCache.used(a);
    long age = System.currentTimeMillis() - Files.getLastModifiedTime(a).toMillis();
    assertTrue(age < 60_000, "age " + age);

    Path b = file(dir, "b.jsa", 1, 0);
    long before = Files.getLastModifiedTime(b).toMillis();
    JvmCache.used(b); // used within the hour: not written again
    assertEquals(before, Files.getLastModifiedTime(b).toMillis());
  }

  @Test
  void publishingKeepsACacheThatFits(@TempDir Path dir) throws Exception {
    // the default limit is far above these few bytes: publishing keeps everything
    Path old = file(dir, "a.jsa", 4, 60);
    Path written = file(dir, "b.jsa.1.tmp", 4, 0);
    JvmCache.publish(written, dir.resolve("b.jsa"));
    assertTrue(Files.exists(dir.resolve("b.jsa")));
    assertTrue(Files.exists(old));
    assertFalse(Files.exists(written));
  }

  @Test
  void theCacheSizeIsASettingOfTheConfigFileOrTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.json"), "{\"cacheMaxMb\": 300}");
    assertEquals(300L << 20, JvmCache.maxBytes(Config.of(Map.of("CELLFLOW_CONFIG",
        file.toString()))));
    assertEquals(10L << 20, JvmCache.maxBytes(Config.of(Map.of("CELLFLOW_CONFIG",
        file.toString(), "CELLFLOW_CACHE_MAX_MB", "10"))));
    assertEquals(2048L << 20, JvmCache.maxBytes(Config.of(Map.of("CELLFLOW_CONFIG",
        dir.resolve("none.json").toString()))));
    // not a number: a warning and the default, as a cache's size is no reason to fail a run
    assertEquals(2048L << 20, JvmCache.maxBytes(Config.of(Map.of("CELLFLOW_CONFIG",
        file.toString(), "CELLFLOW_CACHE_MAX_MB", "lots"))));
  }
}
