package dev.cellflow.internal.datastore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import dev.cellflow.RunStatus;
import dev.cellflow.datastore.Storage;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.RunMeta;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowDatastoreTest {
  @TempDir Path root;
  private FlowDatastore ds;

  record Point(int x, String label) implements Serializable {}

  @BeforeEach
  void open() {
    ds = new FlowDatastore(new LocalStorage(root), "Flow");
  }

  private List<Path> files(String under) throws IOException {
    Path dir = root.resolve(under);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  private Object roundTrip(Object value) throws IOException {
    return ds.getArtifact(ds.putArtifact(value), getClass().getClassLoader());
  }

  private static RunMeta run() {
    return new RunMeta("Flow", "x.Flow", 0, "me", RunStatus.RUNNING, 1L, 0L, Map.of(), List.of(), null);
  }

  @Test
  void sameValueStoredTwiceHasOneKeyAndOneFile() throws IOException {
    ArtifactRef a = ds.putArtifact(List.of(1, 2, 3));
    ArtifactRef b = ds.putArtifact(List.of(1, 2, 3));

    assertEquals(a, b);
    assertTrue(a.key().startsWith("Flow/data/"), a.key());
    assertEquals(List.of(root.resolve(a.key())), files("Flow/data"));
    assertEquals(a.size(), Files.size(root.resolve(a.key())));
  }

  @Test
  void storingAValueAgainRepairsItsDamagedFileAndLeavesAnIntactOneAlone() throws Exception {
    for (Object value : new Object[] {List.of(1, 2, 3),
        new java.util.SplittableRandom(7).doubles(1_000_000).toArray()}) { // in memory; staged
      ArtifactRef ref = ds.putArtifact(value);
      Path file = root.resolve(ref.key());
      byte[] good = Files.readAllBytes(file);
      byte[] rotten = good.clone();
      rotten[rotten.length / 2] ^= 0x10; // one bit of rot
      Files.write(file, rotten);
      assertThrows(dev.cellflow.datastore.DamagedArtifactException.class,
          () -> ds.getArtifact(ref, getClass().getClassLoader()));
      assertEquals(ref, ds.putArtifact(value), "the same value, the same key");
      assertArrayEquals(good, Files.readAllBytes(file), "stored again: the file is whole");
      Files.write(file, java.util.Arrays.copyOf(good, good.length - 1)); // truncated
      ds.putArtifact(value);
      assertArrayEquals(good, Files.readAllBytes(file));
      java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(file);
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1000));
      ds.putArtifact(value);
      assertEquals(1000, Files.getLastModifiedTime(file).toMillis(), "intact: not rewritten");
      assertTrue(before.toMillis() > 1000);
    }
    Object back = roundTrip(List.of(1, 2, 3));
    assertEquals(List.of(1, 2, 3), back);
  }

  @Test
  void equalButDistinctInstancesShareOneFile() throws IOException {
    ArtifactRef a = ds.putArtifact("hello");
    ArtifactRef b = ds.putArtifact(new String("hello"));

    assertEquals(a.key(), b.key());
    assertEquals(List.of(root.resolve(a.key())), files("Flow/data"));
  }

  @Test
  void differentValuesGetDifferentKeys() throws IOException {
    ArtifactRef a = ds.putArtifact("hello");
    ArtifactRef b = ds.putArtifact("world");

    assertNotEquals(a.key(), b.key());
    assertEquals(2, files("Flow/data").size());
  }

  @Test
  void listAndRecordRoundTrip() throws IOException {
    List<Integer> list = List.of(3, 1, 2);
    Point p = new Point(4, "four");

    assertEquals(list, roundTrip(list));
    assertEquals(p, roundTrip(p));
    ArtifactRef ref = ds.putArtifact(p);
    assertEquals("record", ref.serializer()); // records take the fast path now
    assertEquals(Point.class.getName(), ref.type());
  }

  @Test
  void nullRoundTrips() throws IOException {
    ArtifactRef ref = ds.putArtifact(null);

    assertNull(ref.key());
    assertNull(ds.getArtifact(ref, getClass().getClassLoader()));
    assertEquals(List.of(), files("Flow/data"));
  }

  @Test
  void nonSerializableValueIsNotStorable() {
    FlowDatastore.NotStorableException e = assertThrows(FlowDatastore.NotStorableException.class,
        () -> ds.putArtifact(new Object()));
    assertTrue(e.getMessage().contains("java.lang.Object is not Serializable"), e.getMessage());
  }

  @Test
  void nonSerializableElementIsNotStorableAndLeavesNothing() throws IOException {
    List<Object> holder = new ArrayList<>(List.of(new Thread(() -> {})));

    FlowDatastore.NotStorableException e = assertThrows(FlowDatastore.NotStorableException.class,
        () -> ds.putArtifact(holder));

    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    assertEquals(List.of(), files("Flow/data"));
    assertEquals(List.of(), files("_tmp"));
  }

  @Test
  void noStagedFilesAreLeftAfterPuts() throws IOException {
    ds.putArtifact("small");
    ds.putArtifact("small");
    byte[] big = new byte[5 << 20]; // past the in-memory threshold: streamed through _tmp
    new Random(1).nextBytes(big);
    ArtifactRef a = ds.putArtifact(big);
    ArtifactRef b = ds.putArtifact(big.clone());

    assertEquals(a.key(), b.key());
    assertArrayEquals(big, (byte[]) ds.getArtifact(a, getClass().getClassLoader()));
    assertEquals(2, files("Flow/data").size());
    assertEquals(List.of(), files("_tmp"));
  }

  @Test
  void concurrentNewRunsGetDistinctIds() throws Exception {
    int threads = 8;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<List<Integer>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<List<Integer>> claim = () -> {
          go.await();
          List<Integer> mine = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            mine.add(ds.newRun(run()).runId());
          }
          return mine;
        };
        futures.add(pool.submit(claim));
      }
      go.countDown();
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> f : futures) {
        all.addAll(f.get());
      }

      assertEquals(threads * each, all.size());
      assertEquals(threads * each, new HashSet<>(all).size(), all.toString());
      assertEquals(new HashSet<>(all), new HashSet<>(ds.runIds()));
      for (int id : all) {
        assertEquals(run().withId(id), ds.run(id));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void runIdsIncrease() throws IOException {
    assertEquals(1, ds.newRun(run()).runId());
    assertEquals(2, ds.newRun(run()).runId());
    assertEquals(List.of(1, 2), ds.runIds());
  }

  @Test
  void rootUnderARegularFileIsNotWritable() throws IOException {
    Path f = Files.writeString(root.resolve("f"), "x");

    CellflowException e = assertThrows(CellflowException.class,
        () -> new LocalStorage(f.resolve("sub")));

    assertTrue(e.getMessage().contains("not writable"), e.getMessage());
    assertTrue(e.getMessage().contains("--datastore-root"), e.getMessage());
    assertTrue(e.getMessage().contains(f.resolve("sub").toString()), e.getMessage());
  }

  @Test
  void openLocalGivesLocalStorage() {
    Storage s = Datastores.open("local", root.resolve("ds").toString());

    assertTrue(s instanceof LocalStorage);
    assertEquals(root.resolve("ds").toAbsolutePath().normalize().toString(), s.root());
  }

  @Test
  void openS3PointsToTheBatchModule() {
    CellflowException e = assertThrows(CellflowException.class,
        () -> Datastores.open("s3", "s3://bucket/prefix"));

    assertTrue(e.getMessage().contains("'s3'"), e.getMessage());
    assertTrue(e.getMessage().contains("batch module"), e.getMessage());
    assertTrue(e.getMessage().contains("local"), e.getMessage());
  }

  @Test
  void missingRunIsNamed() throws IOException {
    ds.newRun(run());

    CellflowException e = assertThrows(CellflowException.class, () -> ds.run(99));

    assertTrue(e.getMessage().contains("run Flow/99 does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("[1]"), e.getMessage());
  }

  @Test
  void missingResultNamesTheTask() {
    CellflowException e = assertThrows(CellflowException.class,
        () -> ds.result(1, "start", 2));

    assertTrue(e.getMessage().contains("task Flow/1/start/2"), e.getMessage());
  }
}
