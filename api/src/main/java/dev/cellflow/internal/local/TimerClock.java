package dev.cellflow.internal.local;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@link WorkerPool}'s real clock: {@link System#nanoTime}, and one daemon thread for
 * delayed work (boot decisions and timeouts), made on first need: most runs never wait.
 */
final class TimerClock implements WorkerPool.Clock {
  private ScheduledExecutorService timer; // guarded by this
  private boolean closed;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public synchronized void schedule(Runnable action, long delayNanos) {
    if (closed) {
      return; // the run is over: nothing left to time
    }
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cellflow-local-timer");
        t.setDaemon(true);
        return t;
      });
    }
    timer.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
