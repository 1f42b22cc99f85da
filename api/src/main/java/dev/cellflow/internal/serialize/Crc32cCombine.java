package dev.cellflow.internal.serialize;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRC32C of two byte sequences put together, from the CRC32C of each and the second one's
 * length: what lets parts of a file be checksummed on several threads at once. CRCs are
 * remainders of polynomial division over GF(2), so crc(A then B) = crc(A) * x^(8 |B|) mod P,
 * plus crc(B). Polynomials are 32-bit words in the reflected order {@link java.util.zip.CRC32C}
 * uses: the top bit is x^0.
 */
final class Crc32cCombine {
  private static final int POLY = 0x82F63B78; // CRC-32C (Castagnoli), reflected
  private static final int ONE = 1 << 31; // x^0
  /** x^(2^k) mod P, for every k a length in bytes (a long) times 8 needs. */
  private static final int[] X_2K = new int[67];
  /** x^(8 n) mod P by length n: the parts of one file mostly share a few lengths. */
  private static final ConcurrentHashMap<Long, Integer> SHIFTS = new ConcurrentHashMap<>();

  static {
    X_2K[0] = ONE >>> 1; // x^1
    for (int k = 1; k < X_2K.length; k++) {
      X_2K[k] = multiply(X_2K[k - 1], X_2K[k - 1]);
    }
  }

  private Crc32cCombine() {}

  /** The CRC32C of A followed by B, from A's CRC, B's CRC and B's length in bytes. */
  static int combine(int crcA, int crcB, long lengthB) {
    if (lengthB == 0) {
      return crcA;
    }
    Integer shift = SHIFTS.get(lengthB);
    if (shift == null) {
      shift = xPower8(lengthB);
      if (SHIFTS.size() < 1024) {
        SHIFTS.put(lengthB, shift);
      }
    }
    return multiply(shift, crcA) ^ crcB;
  }

  /** x^(8 n) mod P. */
  private static int xPower8(long n) {
    int p = ONE;
    int k = 3; // 8 n = n * 2^3
    for (long m = n; m != 0; m >>>= 1, k++) {
      if ((m & 1) != 0) {
        p = multiply(X_2K[k], p);
      }
    }
    return p;
  }

  /** a * b mod P. */
  private static int multiply(int a, int b) {
    int product = 0;
    for (int bit = ONE; bit != 0 && a != 0; bit >>>= 1) {
      if ((a & bit) != 0) {
        product ^= b;
        a ^= bit;
      }
      b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1; // b * x mod P
    }
    return product;
  }
}
