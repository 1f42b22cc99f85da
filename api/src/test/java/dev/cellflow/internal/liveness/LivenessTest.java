package dev.cellflow.internal.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.RunStatus;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.metadata.Heartbeat;
import dev.cellflow.internal.metadata.RunMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class LivenessTest {
  private static final long NOW = 1_800_000_000_000L;
  private static final long PID = ProcessHandle.current().pid();

  @TempDir Path dir;

  private static RunMeta running(long startedAt) {
    return new RunMeta("F", "x.F", 1, "u", RunStatus.RUNNING, startedAt, 0, Map.of(), List.of(), null);
  }

  private static Heartbeat beat(String machine, long pid, long start, long at, long everyMs) {
    return new Heartbeat("h", machine, pid, start, at, everyMs);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void onItsMachineARuntimeWhoseProcessRunsIsLiveHoweverOldItsLastBeat() {
    Liveness l = Liveness.of(running(NOW), beat(Processes.machine(), PID, Processes.start(PID),
        NOW - TimeUnit.HOURS.toMillis(1), Lease.EVERY_MS), NOW);
    assertTrue(l.live(), l.detail());
    assertEquals("its runtime, pid " + PID + " on h, is running", l.detail());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void onItsMachineARuntimeWhoseProcessEndedIsDeadAtOnce() throws Exception {
    Process p = new ProcessBuilder("sleep", "60").start();
    long start = Processes.start(p.pid());
    assertTrue(start > 0);
    p.destroyForcibly().waitFor();
    Liveness l = Liveness.of(running(NOW), beat(Processes.machine(), p.pid(), start, NOW,
        Lease.EVERY_MS), NOW);
    assertFalse(l.live(), "its heartbeat is fresh, but its process is gone");
    assertEquals("its runtime, pid " + p.pid() + " on h, has ended", l.detail());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aPidTakenOverByAnotherProcessIsNotTheRuntime() {
    long start = Processes.start(PID);
    assertFalse(Liveness.of(running(NOW), beat(Processes.machine(), PID, start - 1, NOW,
        Lease.EVERY_MS), NOW).live());
  }

  @Test
  void elsewhereTheHeartbeatsAgeDecides() {
    Liveness fresh = Liveness.of(running(NOW), beat("another machine", PID, 5, NOW - 4_000,
        Lease.EVERY_MS), NOW);
    assertTrue(fresh.live());
    assertEquals("its runtime (pid " + PID + " on h) reported 4 s ago", fresh.detail());
    Liveness stale = Liveness.of(running(NOW), beat("another machine", PID, 5,
        NOW - Liveness.LEASE_MS - 1_000, Lease.EVERY_MS), NOW);
    assertFalse(stale.live());
    assertEquals("its runtime (pid " + PID + " on h) last reported 31 s ago", stale.detail());
    assertTrue(Liveness.of(running(NOW), beat(null, PID, 0, NOW - 100_000, 60_000), NOW).live(),
        "a runtime that beats every minute has six minutes");
    assertFalse(Liveness.of(running(NOW), beat(null, PID, 0, NOW - 400_000, 60_000), NOW)
        .live());
  }

  @Test
  void withoutAHeartbeatTheRunsStartDecides() {
    assertTrue(Liveness.of(running(NOW - 2_000), null, NOW).live());
    Liveness old = Liveness.of(running(NOW - TimeUnit.MINUTES.toMillis(10)), null, NOW);
    assertFalse(old.live());
    assertEquals("it started 10 min ago and its runtime never reported", old.detail());
  }

  @Test
  void aLeaseWritesTheHeartbeatThatLivenessReads() throws Exception {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(dir), "F");
    RunMeta run = ds.newRun(running(System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1)));
    assertFalse(Liveness.of(ds, run).live(), "an hour old, and no heartbeat");
    try (Lease lease = Lease.hold(ds, run.runId())) {
      Path file = dir.resolve("F/" + run.runId() + "/_heartbeat.json");
      for (int i = 0; i < 200 && !Files.exists(file); i++) {
        Thread.sleep(25);
      }
      Heartbeat hb = Liveness.heartbeat(ds, run.runId());
      assertEquals(PID, hb.pid());
      assertEquals(Lease.EVERY_MS, hb.everyMs());
      assertTrue(Liveness.of(ds, run).live());
      assertFalse(Liveness.of(ds, run.finished(RunStatus.SUCCEEDED, 1)).live());
    }
    Files.writeString(dir.resolve("F/" + run.runId() + "/_heartbeat.json"), "{garbage");
    assertFalse(Liveness.of(ds, run).live(), "a damaged heartbeat counts as none");
  }
}
