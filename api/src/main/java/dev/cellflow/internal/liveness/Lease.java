package dev.cellflow.internal.liveness;

import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.Heartbeat;
import dev.cellflow.internal.metadata.Json;
import java.io.IOException;

/**
 * A running run's claim to be alive: its {@link Heartbeat}, written to the datastore at once
 * and then every {@link #EVERY_MS} by a daemon thread, until closed or until the process ends.
 * One small write every few seconds, off the run's own threads: a slow or failing write (an S3
 * outage) delays nothing of the run and is simply tried again at the next beat.
 */
public final class Lease implements AutoCloseable {
  /** How often the heartbeat is written. */
  public static final long EVERY_MS = 5_000;

  /** How long {@link #close} waits for a heartbeat being written. */
  private static final long CLOSE_WAIT_MS = 10_000;

  private final FlowDatastore ds;
  private final int run;
  private final Thread beating;
  private boolean closed; // guarded by this

  private Lease(FlowDatastore ds, int run) {
    this.ds = ds;
    this.run = run;
    this.beating = new Thread(this::beat, "cellflow-heartbeat-" + ds.flow() + "-" + run);
  }

  /** Starts holding run {@code run}'s lease; {@link #close} stops. */
  public static Lease hold(FlowDatastore ds, int run) {
    Lease lease = new Lease(ds, run);
    lease.beating.setDaemon(true); // a process that ends stops beating: readers look for that
    lease.beating.start();
    return lease;
  }

  /** Where run {@code run}'s heartbeat is kept. */
  static String key(FlowDatastore ds, int run) {
    return ds.flow() + "/" + run + "/_heartbeat.json";
  }

  private void beat() {
    String machine = Processes.machine();
    long pid = ProcessHandle.current().pid();
    long start = machine == null ? 0 : Processes.start(pid);
    String host = Processes.host();
    while (true) {
      try {
        ds.storage().put(key(ds, run), Json.write(new Heartbeat(host, machine, pid, start,
            System.currentTimeMillis(), EVERY_MS)));
      } catch (IOException | RuntimeException e) {
        // tried again at the next beat; a reader sees an older heartbeat meanwhile
      }
      synchronized (this) {
        long until = System.currentTimeMillis() + EVERY_MS;
        for (long left = EVERY_MS; !closed && left > 0;
            left = until - System.currentTimeMillis()) {
          try {
            wait(left); // not an interrupt: that would break a write to a file channel
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
      }
    }
  }

  /**
   * Stops writing the heartbeat; the run's record says how it ended. Waits (a bounded time) for
   * a write under way, so that nothing is written to the run's folder after its end: a caller
   * that then removes the folder (a test's temporary store) found it refilled.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    if (Thread.currentThread() != beating) {
      try {
        beating.join(CLOSE_WAIT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the caller's to handle; the beat stops anyway
      }
    }
  }
}
