package dev.cellflow.internal.serialize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Combined CRC32Cs equal the CRC32C of the bytes put together. */
class Crc32cCombineTest {
  @Test
  void combiningPartsGivesTheWholesChecksum() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int round = 0; round < 200; round++) {
      byte[] all = new byte[rnd.nextInt(0, 5000)];
      rnd.nextBytes(all);
      int cut = all.length == 0 ? 0 : rnd.nextInt(0, all.length + 1);
      assertEquals(crc(all, 0, all.length), Crc32cCombine.combine(crc(all, 0, cut),
          crc(all, cut, all.length - cut), all.length - cut), "cut at " + cut + " of " + all.length);
    }
  }

  private static int crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }
}
