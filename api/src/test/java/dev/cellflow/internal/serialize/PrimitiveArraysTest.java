package dev.cellflow.internal.serialize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.metadata.ArtifactRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large raw arrays loaded on several threads come back exactly as stored. */
class PrimitiveArraysTest {
  @TempDir Path root;

  @Test
  void aLargeVectorAndALargeMatrixComeBackExactly() throws IOException {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "F");
    SplittableRandom rnd = new SplittableRandom(5);
    double[] v = new double[9_500_000]; // 76 MB: past the threshold for the parallel path
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble();
    }
    ArtifactRef ref = ds.putArtifact(v);
    assertArrayEquals(v, (double[]) ds.getArtifact(ref, null));

    long[][] m = new long[9_000][];
    for (int r = 0; r < m.length; r++) {
      if (r != 17) {
        m[r] = rnd.longs(1_000 + r % 3).toArray();
      }
    }
    long[][] back = (long[][]) ds.getArtifact(ds.putArtifact(m), null);
    assertEquals(m.length, back.length);
    assertNull(back[17]);
    for (int r = 0; r < m.length; r++) {
      if (r != 17) {
        assertArrayEquals(m[r], back[r], "row " + r);
      }
    }
  }

  @Test
  void aMidSizeArrayComesBackThroughTheReadAheadStream() throws IOException {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "F");
    double[] v = new SplittableRandom(9).doubles(1_500_000).toArray(); // 12 MB, stored raw
    ArtifactRef ref = ds.putArtifact(v);
    assertEquals(true, ref.size() > (8 << 20) && ref.size() < (64 << 20), "between the paths");
    assertArrayEquals(v, (double[]) ds.getArtifact(ref, null));
  }
}
