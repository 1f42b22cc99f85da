package dev.cellflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.parallel.Parallel;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MatricesTest {

  private static double exactSum(double[][] m) {
    BigDecimal s = BigDecimal.ZERO;
    for (double[] row : m) {
      for (double v : row) {
        s = s.add(new BigDecimal(v));
      }
    }
    return s.doubleValue();
  }

  @Test
  void sumMatchesAnExactSum() {
    double[][] m = Matrices.random(300, 301, 42);

    double exact = exactSum(m);
    double got = Matrices.sum(m);

    assertTrue(Math.abs(got - exact) <= 1e-6 * Math.abs(exact), got + " vs " + exact);
  }

  @Test
  void randomHasTheAskedShapeAndRange() {
    double[][] m = Matrices.random(300, 301, 1);

    assertEquals(300, m.length);
    for (double[] row : m) {
      assertEquals(301, row.length);
      for (double v : row) {
        assertTrue(v >= 0 && v < 1, Double.toString(v));
      }
    }
    assertEquals(300L * 301 * Double.BYTES, Matrices.bytes(m));
  }

  @Test
  void sameSeedGivesTheSameMatrix() {
    assertArrayEquals(Matrices.random(300, 301, 7), Matrices.random(300, 301, 7));
    assertFalse(Arrays.deepEquals(Matrices.random(30, 31, 7), Matrices.random(30, 31, 8)));
  }

  @Test
  void matrixDoesNotDependOnTheNumberOfThreads() {
    String saved = System.getProperty(Parallel.PARALLELISM_PROPERTY);
    try {
      System.setProperty(Parallel.PARALLELISM_PROPERTY, "1");
      double[][] one = Matrices.random(600, 50, 3);
      System.setProperty(Parallel.PARALLELISM_PROPERTY, "4");
      double[][] four = Matrices.random(600, 50, 3);
      assertArrayEquals(one, four);
    } finally {
      if (saved == null) {
        System.clearProperty(Parallel.PARALLELISM_PROPERTY);
      } else {
        System.setProperty(Parallel.PARALLELISM_PROPERTY, saved);
      }
    }
  }

  @Test
  void rowSumPartitionsAddUpToTheSum() {
    double[][] m = Matrices.random(300, 301, 5);
    double total = Matrices.sum(m);

    double parts = Matrices.rowSum(m, 0, 100) + Matrices.rowSum(m, 100, 257)
        + Matrices.rowSum(m, 257, 300);

    assertEquals(total, parts, 1e-9 * total);
    assertEquals(0.0, Matrices.rowSum(m, 10, 10));
    // an upper bound past the last row stops at the last row
    assertEquals(Matrices.rowSum(m, 250, 300), Matrices.rowSum(m, 250, 1000));
  }

  @Test
  void raggedRowsAndEveryRowCountSumExactly() {
    // rows of whole numbers: every order of addition gives the same sum, so any row skipped or
    // counted twice by the eight-rows-at-a-time loop shows
    for (int rows = 0; rows <= 19; rows++) {
      double[][] m = new double[rows][];
      double expected = 0;
      for (int r = 0; r < rows; r++) {
        m[r] = new double[r == 5 ? 3 : 10]; // row 5 shorter: a ragged group of eight
        for (int c = 0; c < m[r].length; c++) {
          m[r][c] = 100 * r + c;
          expected += m[r][c];
        }
      }
      assertEquals(expected, Matrices.sum(m), rows + " rows");
      assertEquals(exactSum(m), Matrices.rowSum(m, 0, rows), rows + " rows");
    }
  }

  @Test
  void arraySumHandlesEveryRemainderLength() {
    for (int n = 0; n <= 20; n++) {
      double[] a = new double[n];
      double expected = 0;
      for (int i = 0; i < n; i++) {
        a[i] = i + 1;
        expected += i + 1;
      }
      assertEquals(expected, Matrices.sum(a), "length " + n);
    }
  }

  @Test
  void emptyMatrixSumsToZero() {
    assertEquals(0.0, Matrices.sum(Matrices.random(0, 0, 1)));
    assertEquals(0.0, Matrices.sum(Matrices.random(3, 0, 1)));
  }

  @Test
  void negativeSizeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Matrices.random(-1, 3, 1));
    assertTrue(e.getMessage().contains("negative size -1x3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Matrices.random(3, -2, 1));
  }
}
