package dev.cellflow.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BigSum's memory work written in C, compiled here with the C compiler's best options
 * (vectorised, {@code -ffast-math}) and run on the machine the benchmarks run on: the floor
 * under the figures that this machine, not cellflow, sets. Its matrix is laid out as Java's
 * heap lays out BigSum's rows: one after the other, on 2 MB pages.
 *
 * <ul>
 *   <li>{@code touch}: 3.2 GB of fresh memory, one byte written per 4 KB page, the least any
 *       program making BigSum's matrix must do;
 *   <li>{@code sum}: the best of three serial sums reading one row at a time and reading eight
 *       rows side by side, as {@code Matrices.sum} does, in GB/s.
 * </ul>
 */
final class CHere {
  private final Path exe;

  private CHere(Path exe) {
    this.exe = exe;
  }

  private static final String SOURCE = """
      #include <stdio.h>
      #include <stdlib.h>
      #include <string.h>
      #include <time.h>
      #include <sys/mman.h>
      #define N 20000
      static double now(void) {
        struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9;
      }
      int main(int argc, char **argv) {
        size_t bytes = (size_t) N * N * sizeof(double);
        double t = now();
        size_t page = (size_t) 1 << 21; // aligned_alloc wants a size that is a multiple of it
        double *block = aligned_alloc(page, (bytes + page - 1) / page * page);
        if (block == NULL) return 1;
        madvise(block, bytes, MADV_HUGEPAGE);
        if (strcmp(argv[1], "touch") == 0) {
          for (size_t i = 0; i < bytes; i += 4096) ((char *) block)[i] = 1;
          printf("%.0f %d\\n", (now() - t) * 1000, ((char *) block)[4096] == 1);
          return 0;
        }
        double **m = malloc(sizeof(double *) * N);
        for (int r = 0; r < N; r++) {
          m[r] = block + (size_t) r * N;
          for (int c = 0; c < N; c++) m[r][c] = (double) ((r ^ c) & 1023) / 1024;
        }
        double best1 = 1e9, best8 = 1e9, s = 0;
        for (int rep = 0; rep < 3; rep++) {
          double t0 = now();
          for (int r = 0; r < N; r++) for (int c = 0; c < N; c++) s += m[r][c];
          double t1 = now();
          for (int r = 0; r < N; r += 8) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int c = 0; c < N; c++) {
              s0 += m[r][c]; s1 += m[r + 1][c]; s2 += m[r + 2][c]; s3 += m[r + 3][c];
              s4 += m[r + 4][c]; s5 += m[r + 5][c]; s6 += m[r + 6][c]; s7 += m[r + 7][c];
            }
            s += s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
          }
          double t2 = now();
          if (t1 - t0 < best1) best1 = t1 - t0;
          if (t2 - t1 < best8) best8 = t2 - t1;
        }
        printf("%.2f %.2f %d\\n", bytes / best1 / 1e9, bytes / best8 / 1e9, s > 0);
        return 0;
      }
      """;

  /** The program compiled in {@code dir}, or null where there is no C compiler ({@code cc}). */
  static CHere compile(Path dir) throws InterruptedException {
    try {
      Path src = Files.writeString(dir.resolve("bigsum.c"), SOURCE);
      Path exe = dir.resolve("bigsum-c");
      return run(List.of("cc", "-O3", "-march=native", "-ffast-math", "-o", exe.toString(),
          src.toString())) == null ? null : new CHere(exe);
    } catch (IOException e) {
      return null;
    }
  }

  /** Milliseconds to touch 3.2 GB of fresh memory, or NaN where the program fails. */
  double touchMs() throws InterruptedException {
    double[] f = numbers("touch");
    return f == null ? Double.NaN : f[0];
  }

  /** GB/s of the serial sums, one row at a time and eight rows at a time; null on failure. */
  double[] sumGbPerSecond() throws InterruptedException {
    return numbers("sum");
  }

  /** The figures the program prints in {@code mode}, without its final check; null on failure. */
  private double[] numbers(String mode) throws InterruptedException {
    String out = run(List.of(exe.toString(), mode));
    if (out == null || !out.endsWith(" 1")) {
      return null;
    }
    String[] f = out.split("\\s+");
    double[] x = new double[f.length - 1];
    for (int i = 0; i < x.length; i++) {
      x[i] = Double.parseDouble(f[i]);
    }
    return x;
  }

  /** The command's trimmed output, or null where it cannot start or fails. */
  private static String run(List<String> cmd) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    }
  }
}
