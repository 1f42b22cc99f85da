package dev.cellflow.internal.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Time that moves only when the test says; what is scheduled runs on the test's thread. */
final class FakeClock implements WorkerPool.Clock {
  private record Due(long at, Runnable action) {}

  private final List<Due> due = new ArrayList<>();
  private long now = 1_000_000_000L;
  boolean closed;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void schedule(Runnable action, long delayNanos) {
    due.add(new Due(now + delayNanos, action));
  }

  @Override
  public void close() {
    closed = true;
  }

  void advance(long nanos) {
    now += nanos;
    while (true) {
      Due next = due.stream().filter(d -> d.at() <= now)
          .min(Comparator.comparingLong(Due::at)).orElse(null);
      if (next == null) {
        return;
      }
      due.remove(next);
      next.action().run();
    }
  }
}
