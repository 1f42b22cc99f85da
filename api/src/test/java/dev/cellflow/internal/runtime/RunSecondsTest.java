package dev.cellflow.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class RunSecondsTest {
  @Test
  void secondsAreWhatPrintfWritesInEnglish() {
    for (long ms = 0; ms < 200_000; ms += 7) {
      assertEquals(String.format(Locale.ROOT, "%.2f", ms / 1000.0), RunSeconds.of(ms),
          "ms " + ms);
    }
    assertEquals("0.01", RunSeconds.of(5));
    assertEquals("3.46", RunSeconds.of(3_456));
    assertEquals("100.00", RunSeconds.of(99_999));
  }
}
