package dev.cellflow.internal.serialize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimitiveArraySerializerTest {
  private final PrimitiveArraySerializer ser = new PrimitiveArraySerializer();

  private Object roundTrip(Object v) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ser.write(v, out);
    return ser.read(new ByteArrayInputStream(out.toByteArray()), getClass().getClassLoader());
  }

  @Test
  void everyPrimitiveArrayComesBackEqual() throws IOException {
    assertArrayEquals(new double[] {1.5, -0.0, Double.NaN, 3e300},
        (double[]) roundTrip(new double[] {1.5, -0.0, Double.NaN, 3e300}));
    assertArrayEquals(new float[] {1f, 2f}, (float[]) roundTrip(new float[] {1f, 2f}));
    assertArrayEquals(new long[] {Long.MIN_VALUE, 7}, (long[]) roundTrip(new long[] {Long.MIN_VALUE, 7}));
    assertArrayEquals(new int[] {1, -2, 3}, (int[]) roundTrip(new int[] {1, -2, 3}));
    assertArrayEquals(new short[] {9, -9}, (short[]) roundTrip(new short[] {9, -9}));
    assertArrayEquals(new char[] {'a', 'é'}, (char[]) roundTrip(new char[] {'a', 'é'}));
    assertArrayEquals(new byte[] {1, -1}, (byte[]) roundTrip(new byte[] {1, -1}));
    assertArrayEquals(new boolean[] {true, false, true},
        (boolean[]) roundTrip(new boolean[] {true, false, true}));
    assertEquals(0, ((int[]) roundTrip(new int[0])).length);
  }

  @Test
  void arraysLargerThanOneChunkStreamThrough() throws IOException {
    double[] big = new double[(1 << 20) / 8 * 3 + 17];
    for (int i = 0; i < big.length; i++) {
      big[i] = i * 0.5;
    }
    assertArrayEquals(big, (double[]) roundTrip(big));
  }

  @Test
  void matricesKeepTheirRaggedAndNullRows() throws IOException {
    double[][] m = {{1, 2, 3}, null, {}, {4}};
    double[][] back = (double[][]) roundTrip(m);
    assertEquals(4, back.length);
    assertArrayEquals(m[0], back[0]);
    assertNull(back[1]);
    assertEquals(0, back[2].length);
    assertArrayEquals(m[3], back[3]);
  }

  @Test
  void acceptsOnlyPrimitiveArraysAndArraysOfThem() {
    assertTrue(ser.canWrite(new int[1][1]));
    assertFalse(ser.canWrite(new Integer[1]));
    assertFalse(ser.canWrite(new int[1][1][1]));
    assertFalse(ser.canWrite(List.of(1)));
  }

  @Test
  void aCorruptHeaderIsRefused() {
    IOException e = assertThrows(IOException.class, () -> ser.read(
        new ByteArrayInputStream(new byte[] {7, 'Q', 0, 0, 0, 0}), null));
    assertTrue(e.getMessage().contains("bad header"));
  }
}
