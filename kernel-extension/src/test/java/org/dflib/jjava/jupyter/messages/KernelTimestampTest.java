package org.dflib.jjava.jupyter.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class KernelTimestampTest {
  @Test
  void theKernelsDatesHaveMicrosecondsInUtc() {
    String s = KernelTimestamp.now().getDateString();
    assertTrue(s.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), s);
    assertEquals("2026-11-26T08:35:07.250000Z",
        new KernelTimestamp(Date.from(Instant.parse("2026-11-26T08:35:07.25Z")))
            .getDateString());
  }

  @Test
  void aDateMadeNowIsTakenWhenFirstReadAsItsMessageIsSent() throws Exception {
    KernelTimestamp made = KernelTimestamp.now();
    Instant before = Instant.now();
    Thread.sleep(20);
    String sent = made.getDateString();
    assertTrue(!Instant.parse(sent).isBefore(before), sent + " is before " + before);
    assertEquals(sent, made.getDateString());
    assertEquals(Date.from(Instant.parse(sent)), made.getDate());
  }

  @Test
  void aClientsDateIsWrittenBackAsItCameAndReadInAnyIso8601Form() {
    Instant at = Instant.parse("2026-11-26T08:35:07.123456Z");
    for (String s : new String[] {"2026-11-26T08:35:07.123456Z",
        "2026-11-26T08:35:07.123456+00:00", "2026-11-26T09:35:07.123456+0100",
        "2026-11-26T08:35:07.123456"}) {
      KernelTimestamp t = new KernelTimestamp(s);
      assertEquals(s, t.getDateString());
      assertEquals(Date.from(at), t.getDate(), s);
    }
    assertEquals(Date.from(Instant.parse("2026-11-26T08:35:00Z")),
        new KernelTimestamp("2026-11-26T08:35+0000").getDate()); // the library's own form
  }

  @Test
  void aDateThatIsNotIso8601IsNamed() {
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> new KernelTimestamp("yesterday").getDate());
    assertTrue(e.getMessage().contains("yesterday"), e.getMessage());
  }
}
