package dev.cellflow.batch.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import dev.cellflow.Current;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 client for user data, against moto. */
class S3IT {
  @TempDir Path dir;
  private String url;

  @BeforeEach
  void bucket() throws Exception {
    Moto.endpoint();
    String bucket = "cf-" + UUID.randomUUID().toString().substring(0, 8);
    try (var s3 = S3Clients.create()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    url = "s3://" + bucket + "/data";
  }

  @Test
  void manyObjectsGoUpAndComeDownInOrder() throws Exception {
    Map<String, Path> files = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Path f = Files.writeString(dir.resolve("f" + i), "file " + i);
      files.put("in/f" + i, f);
      keys.add("in/f" + i);
    }
    Path tmp;
    try (S3 s3 = S3.at(url)) {
      s3.putMany(files);
      assertEquals(20, s3.list("in/").size());
      List<S3File> back = s3.getMany(keys);
      for (int i = 0; i < 20; i++) {
        assertEquals("in/f" + i, back.get(i).key());
        assertEquals("file " + i, back.get(i).text());
      }
      tmp = back.get(0).path().getParent();
      assertTrue(Files.isDirectory(tmp));
    }
    assertFalse(Files.exists(tmp), "the downloads are removed on close");
  }

  @Test
  void aRangeReadsOnlyItsBytes() throws Exception {
    byte[] data = new byte[1000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    try (S3 s3 = S3.at(url)) {
      s3.put("blob", data);
      assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 110), s3.getRange("blob", 100, 10));
      assertEquals(url + "/blob", s3.url("blob"));
    }
  }

  @Test
  void anyValidKeyDownloadsAndNoneWritesOutsideTheFolder() throws Exception {
    String longKey = "deep/" + "k".repeat(300) + "/" + "n".repeat(600) + ".csv"; // 911 bytes
    try (S3 s3 = S3.at(url)) {
      s3.put(longKey, "long".getBytes(StandardCharsets.UTF_8));
      s3.put("a/../../../escaped", "dots".getBytes(StandardCharsets.UTF_8));
      s3.put("..", "only dots".getBytes(StandardCharsets.UTF_8));
      S3File got = s3.get(longKey);
      assertEquals("long", got.text());
      Path folder = got.path().getParent();
      for (String k : List.of("a/../../../escaped", "..")) {
        S3File f = s3.get(k);
        assertEquals(k, f.key());
        assertEquals(folder, f.path().getParent(), "kept in the S3's own folder: " + f.path());
      }
      assertEquals("dots", s3.get("a/../../../escaped").text());
    }
  }

  @Test
  void anEmptyRangeIsNoBytesWithoutARequestAndANegativeOneIsRefused() throws Exception {
    try (S3 s3 = S3.at(url)) {
      s3.put("blob", new byte[] {1, 2, 3});
      assertArrayEquals(new byte[0], s3.getRange("blob", 0, 0));
      assertArrayEquals(new byte[0], s3.getRange("no-such-key", 5, 0), "no request is made");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s3.getRange("blob", 0, -1));
      assertTrue(e.getMessage().contains("must be 0 or more"), e.getMessage());
      assertArrayEquals(new byte[] {3}, s3.getRange("blob", 2, 1));
    }
  }

  @Test
  void forCurrentRunNeedsATaskAndTheS3Datastore() {
    CellflowException outside = assertThrows(CellflowException.class, S3::forCurrentRun);
    assertTrue(outside.getMessage().contains("only valid while cellflow runs a step"));
    dev.cellflow.internal.StepRecorder.setRunning(new dev.cellflow.internal.StepRecorder(
        new Current("F", 1, "start", 1, 0, "local", "/tmp/x"), null, -1));
    try {
      CellflowException local = assertThrows(CellflowException.class, S3::forCurrentRun);
      assertTrue(local.getMessage().contains("needs the s3 datastore"), local.getMessage());
      assertTrue(local.getMessage().contains("step 'start'"), local.getMessage());
    } finally {
      dev.cellflow.internal.StepRecorder.setRunning(null);
    }
  }

  @Test
  void aBadUrlSaysWhatItTakes() {
    CellflowException e = assertThrows(CellflowException.class, () -> S3.at("bucket/x"));
    assertTrue(e.getMessage().contains("s3://bucket"), e.getMessage());
  }
}
