package dev.cellflow.internal.datastore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.datastore.DamagedArtifactException;
import dev.cellflow.internal.metadata.ArtifactRef;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every read path of an artifact (small and kept, buffered, read ahead, parallel raw, refs from
 * before checksums) refuses stored bytes that are not the ones written, naming the artifact, its
 * task and its file.
 */
class VerifiedReadsTest {
  @TempDir Path root;

  /** A value of each size that takes a different read path. */
  private static List<Object> values() {
    SplittableRandom rnd = new SplittableRandom(11);
    List<Object> out = new ArrayList<>();
    out.add(new ArrayList<>(List.of("a", "b", "c"))); // small: kept in memory
    out.add(rnd.doubles(300_000).toArray()); // 2.4 MB: buffered stream
    out.add(rnd.doubles(1_500_000).toArray()); // 12 MB: read ahead on another thread
    out.add(rnd.doubles(9_000_000).toArray()); // 72 MB: raw, read in parallel
    return out;
  }

  @Test
  void aFlippedByteInAnyPathIsAClearErrorNamingArtifactTaskAndFile() throws IOException {
    for (Object v : values()) {
      FlowDatastore ds = fresh();
      ArtifactRef ref = ds.putArtifact(v);
      assertTrue(ref.checksum().startsWith("crc32c:"), ref.toString());
      Path file = Path.of(ds.storage().root(), ref.key());
      flip(file, Files.size(file) / 2);
      DamagedArtifactException e = assertThrows(DamagedArtifactException.class,
          () -> ds.getArtifact(ref, null, "sum", "F/3/start/1"));
      assertTrue(e.getMessage().startsWith("artifact 'sum' of task F/3/start/1 (file " + file
          + ") is damaged: its bytes do not match their checksum"), e.getMessage());
    }
  }

  @Test
  void truncatedDeletedOrAlteredCodecFilesAreNamedNotEofOrUnknownCodec() throws IOException {
    for (Object v : values()) {
      FlowDatastore ds = fresh();
      ArtifactRef ref = ds.putArtifact(v);
      Path file = Path.of(ds.storage().root(), ref.key());
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        f.setLength(f.length() - 3);
      }
      assertTrue(message(ds, ref).contains("is damaged: it has " + (ref.size() - 3)
          + " bytes where " + ref.size() + " were stored"), message(ds, ref));
      Files.write(file, new byte[] {119, 1, 2, 3}); // the first byte names the codec
      assertTrue(message(ds, ref).contains("damaged: it has 4 bytes where"), message(ds, ref));
      Files.delete(file);
      assertTrue(message(ds, ref).contains("(file " + file + ") is damaged: its file is"
          + " missing"), message(ds, ref));
    }
  }

  @Test
  void refsWrittenBeforeChecksumsAreVerifiedAgainstTheirContentAddress() throws IOException {
    for (Object v : values()) {
      FlowDatastore intact = fresh();
      ArtifactRef withCrc = intact.putArtifact(v);
      ArtifactRef old = new ArtifactRef(withCrc.key(), withCrc.serializer(), withCrc.type(),
          withCrc.size());
      Object back = intact.getArtifact(old, null);
      if (v instanceof double[] d) {
        assertArrayEquals(d, (double[]) back);
      } else {
        assertEquals(v, back);
      }
      FlowDatastore ds = fresh(); // not read yet, so not kept in memory
      ds.putArtifact(v);
      flip(Path.of(ds.storage().root(), old.key()), old.size() - 1);
      assertTrue(message(ds, old).contains("do not match the SHA-256 in its name"),
          message(ds, old));
    }
  }

  private int stores;

  /** A datastore of its own: the small-object cache is per root and key. */
  private FlowDatastore fresh() {
    return new FlowDatastore(new LocalStorage(root.resolve("s" + stores++)), "F");
  }

  private static String message(FlowDatastore ds, ArtifactRef ref) {
    return assertThrows(DamagedArtifactException.class,
        () -> ds.getArtifact(ref, null, "m", "F/1/start/1")).getMessage();
  }

  private static void flip(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x10);
    }
  }
}
