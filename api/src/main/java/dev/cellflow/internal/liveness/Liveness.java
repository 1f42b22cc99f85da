package dev.cellflow.internal.liveness;

import dev.cellflow.RunStatus;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.Heartbeat;
import dev.cellflow.internal.metadata.Json;
import dev.cellflow.internal.metadata.RunMeta;
import java.io.IOException;
import java.io.InputStream;

/**
 * Whether a run recorded as {@code running} still has its runtime, and why that is thought.
 * On the machine the runtime runs on (the same boot and pid namespace), the process itself
 * says, at once. Elsewhere, or where the process cannot be read, its {@link Heartbeat} does:
 * a runtime that has not written one for {@link #LEASE_MS} (or six of its own beats, if it
 * beats less often) is gone. That allows for clocks that differ between machines, a slow
 * datastore and long pauses of the runtime's JVM. A run without a heartbeat (one written by an
 * older cellflow, or in its first moments) is judged by its start instead.
 *
 * @param live whether the runtime is there
 * @param detail why that is thought, in words ("its runtime, pid 12 on host a, has ended")
 */
public record Liveness(boolean live, String detail) {
  /** How long after its last heartbeat a runtime counts as gone. */
  public static final long LEASE_MS = 30_000;

  /** The liveness of {@code run}, read from its heartbeat in {@code ds}. */
  public static Liveness of(FlowDatastore ds, RunMeta run) {
    if (run.status() != RunStatus.RUNNING) {
      return new Liveness(false, "it " + run.status());
    }
    return of(run, heartbeat(ds, run.runId()), System.currentTimeMillis());
  }

  /** The liveness of running {@code run} whose last heartbeat is {@code hb}, at {@code now}. */
  static Liveness of(RunMeta run, Heartbeat hb, long now) {
    if (hb == null) {
      long age = now - run.startedAt();
      return age <= LEASE_MS ? new Liveness(true, "it started " + ago(age))
          : new Liveness(false, "it started " + ago(age) + " and its runtime never reported");
    }
    String runtime = "pid " + hb.pid() + " on " + hb.host();
    Boolean running = Processes.running(hb.machine(), hb.pid(), hb.processStart());
    if (running != null) {
      return new Liveness(running, "its runtime, " + runtime
          + (running ? ", is running" : ", has ended"));
    }
    long age = now - hb.at();
    boolean live = age <= Math.max(LEASE_MS, 6 * hb.everyMs());
    return new Liveness(live, "its runtime (" + runtime + ") "
        + (live ? "reported " : "last reported ") + ago(age));
  }

  /** Run {@code run}'s last heartbeat in {@code ds}, or null when it has none to read. */
  static Heartbeat heartbeat(FlowDatastore ds, int run) {
    try (InputStream in = ds.storage().read(Lease.key(ds, run))) {
      return Json.read(in, Heartbeat.class);
    } catch (IOException | RuntimeException e) {
      return null; // none yet, or damaged: judged by the run's start
    }
  }

  /** {@code ms} in words: "4 s ago", "3 min ago", "2 h ago". */
  static String ago(long ms) {
    long s = Math.max(0, ms) / 1000;
    return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
  }
}
