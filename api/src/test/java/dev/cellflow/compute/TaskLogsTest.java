package dev.cellflow.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TaskLogsTest {
  @Test
  void timesAreWrittenAsInstantWritesThem() {
    long[] seconds = {0, 1, 59, 86_399, 951_782_400 /* 2000-02-29 */, 1_795_669_028,
        253_402_300_799L /* 9999-12-31T23:59:59 */, 253_402_300_800L, -1, -62_135_596_800L};
    int[] nanos = {0, 1, 999, 1_000, 63_000_000, 63_123_000, 63_123_456, 999_999_999,
        100_000_000, 10_000};
    for (long s : seconds) {
      for (int n : nanos) {
        Instant at = Instant.ofEpochSecond(s, n);
        assertEquals(at.toString(), TaskLogs.iso(at));
      }
    }
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      Instant at = Instant.ofEpochMilli(rnd.nextLong(0, 4_102_444_800_000L)); // to 2100
      assertEquals(at.toString(), TaskLogs.iso(at));
    }
    Instant now = Instant.now();
    assertEquals(now.toString(), TaskLogs.iso(now));
  }
}
