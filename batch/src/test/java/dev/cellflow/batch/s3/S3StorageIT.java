package dev.cellflow.batch.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import dev.cellflow.RunStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.datastore.DamagedArtifactException;
import dev.cellflow.datastore.Storage;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.liveness.Lease;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.Heartbeat;
import dev.cellflow.internal.metadata.Json;
import dev.cellflow.internal.metadata.RunMeta;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The S3 storage over the real S3 protocol, against moto on loopback; {@link S3MockStorageIT}
 * runs the same cases against Adobe's S3Mock.
 */
class S3StorageIT {
  private Storage storage;
  private String bucket;

  /** The bucket this test made. */
  String bucketName() {
    return bucket;
  }

  /** Points the SDK at the emulator under test. */
  void emulator() throws Exception {
    Moto.endpoint();
  }

  @BeforeEach
  void bucket() throws Exception {
    emulator();
    bucket = "cf-" + UUID.randomUUID().toString().substring(0, 8);
    try (var s3 = S3Clients.create()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    storage = Datastores.open("s3", "s3://" + bucket + "/runs"); // found by ServiceLoader
  }

  @Test
  void objectsAreWrittenReadListedAndFound() throws Exception {
    storage.put("Flow/1/_run.json", "{}".getBytes(StandardCharsets.UTF_8));
    storage.put("Flow/1/start/1/task.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    storage.put("Flow/2/_run.json", "{}".getBytes(StandardCharsets.UTF_8));
    assertTrue(storage.exists("Flow/1/_run.json"));
    assertFalse(storage.exists("Flow/3/_run.json"));
    try (InputStream in = storage.read("Flow/1/start/1/task.json")) {
      assertEquals("{\"a\":1}", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(List.of("1", "2"), storage.list("Flow"));
    assertEquals(List.of("_run.json", "start"), storage.list("Flow/1"));
    assertThrows(NoSuchFileException.class, () -> storage.read("Flow/9/x"));
    assertEquals("s3://" + bucket + "/runs/", storage.root());
  }

  @Test
  void onlyOneOfManyClaimsOfAKeyWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Boolean>> claims = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      claims.add(pool.submit(() -> storage.createExclusive("Flow/7/_claim", new byte[0])));
    }
    int won = 0;
    for (Future<Boolean> f : claims) {
      won += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, won);
  }

  @Test
  void aLargeObjectGoesUpInPartsAndComesBackWhole() throws Exception {
    byte[] data = new byte[(int) (MultipartUpload.PART * 2 + 12345)];
    new Random(3).nextBytes(data);
    try (Storage.Staged s = storage.stage()) {
      s.out().write(data);
      s.commit("Flow/data/big", false);
    }
    try (InputStream in = storage.read("Flow/data/big")) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void artifactsAreContentAddressedInS3Too() throws Exception {
    FlowDatastore ds = new FlowDatastore(storage, "Flow");
    double[] v = new double[300_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.sin(i);
    }
    ArtifactRef a = ds.putArtifact(v);
    ArtifactRef b = ds.putArtifact(v.clone());
    assertEquals(a.key(), b.key());
    assertArrayEquals(v, (double[]) ds.getArtifact(a, getClass().getClassLoader()));
    assertEquals(1, storage.list("Flow/data/" + a.key().substring(10, 12)).size());
  }

  @Test
  void aLargeArtifactReadInRangesIsVerifiedAsItStreams() throws Exception {
    FlowDatastore ds = new FlowDatastore(storage, "Rot");
    double[] v = new Random(5).doubles(5_000_000).toArray(); // 40 MB raw: ranged, in parallel
    ArtifactRef ref = ds.putArtifact(v);
    assertTrue(ref.size() > 2 * MultipartUpload.PART, "read in ranges");
    assertArrayEquals(v, (double[]) ds.getArtifact(ref, null));
    byte[] stored;
    try (InputStream in = storage.read(ref.key())) {
      stored = in.readAllBytes();
    }
    stored[(int) MultipartUpload.PART + 7] ^= 0x40; // one bit, in the second range
    storage.put(ref.key(), stored);
    DamagedArtifactException e = assertThrows(DamagedArtifactException.class,
        () -> ds.getArtifact(ref, null, "v", "Rot/1/start/1"));
    assertTrue(e.getMessage().startsWith("artifact 'v' of task Rot/1/start/1 (file "
        + storage.root() + ref.key() + ") is damaged: its bytes do not match"),
        e.getMessage());
  }

  @Test
  void aRootThatIsNotS3SaysWhatItTakes() {
    CellflowException e = assertThrows(CellflowException.class,
        () -> Datastores.open("s3", "/tmp/x"));
    assertTrue(e.getMessage().contains("s3://bucket"), e.getMessage());
  }

  @Test
  void aRunsHeartbeatInS3TellsReadersWhetherItsRuntimeIsThere() throws Exception {
    FlowDatastore ds = new FlowDatastore(storage, "Flow");
    RunMeta run = ds.newRun(new RunMeta("Flow", "x.Flow", 0, "u", RunStatus.RUNNING,
        System.currentTimeMillis() - 3_600_000, 0, Map.of(), List.of(), null));
    Run read = Flow.in(ds.storage(), ds.flow()).run(run.runId());
    assertEquals(RunStatus.DEAD, read.status(), "an hour old and no heartbeat");
    try (Lease lease = Lease.hold(ds, run.runId())) {
      for (int i = 0; i < 400 && !storage.exists("Flow/1/_heartbeat.json"); i++) {
        Thread.sleep(25);
      }
      assertEquals(RunStatus.RUNNING, Flow.in(ds.storage(), ds.flow()).run(run.runId()).status(),
          "this process beats");
    }
    // a runtime on another machine: only its heartbeat's age tells
    long now = System.currentTimeMillis();
    storage.put("Flow/1/_heartbeat.json", Json.write(new Heartbeat("elsewhere", "another boot",
        42, 7, now - 5_000, Lease.EVERY_MS)));
    assertEquals(RunStatus.RUNNING, Flow.in(ds.storage(), ds.flow()).run(run.runId()).status());
    storage.put("Flow/1/_heartbeat.json", Json.write(new Heartbeat("elsewhere", "another boot",
        42, 7, now - 60_000, Lease.EVERY_MS)));
    assertEquals(RunStatus.DEAD, Flow.in(ds.storage(), ds.flow()).run(run.runId()).status());
  }
}
