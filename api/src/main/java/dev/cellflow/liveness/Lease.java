package dev.cellflow.liveness;

import dev.cellflow.datastore.FlowDatastore;
import dev.cellflow.metadata.Heartbeat;
import dev.cellflow.metadata.Json;
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

  private final FlowDatastore ds;
  private final int run;
  private boolean closed; // guarded by this

  private Lease(FlowDatastore ds, int run) {
    this.ds = ds;
    this.run = run;
  }

  /** Starts holding run {@code run}'s lease; {@link #close} stops. */
  public static Lease hold(FlowDatastore ds, int run) {
    Lease lease = new Lease(ds, run);
    Thread t = new Thread(lease::beat, "cellflow-heartbeat-" + ds.flow() + "-" + run);
    t.setDaemon(true); // a process that ends stops beating: that is what readers look for
    t.start();
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

  /** Stops writing the heartbeat; the run's record says how it ended. */
  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }
}
