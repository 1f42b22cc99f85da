package dev.cellflow.parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code parallelMap}: threads of this process share the data the function captures, so nothing
 * is copied or pickled and there is no polling floor (Metaflow's forks and polls every 100 ms).
 */
public final class Parallel {
  /** System property overriding the parallelism (default: the cores this JVM may use). */
  public static final String PARALLELISM_PROPERTY = "cellflow.parallelism";

  private Parallel() {}

  /** The number of threads {@code parallelMap} uses. */
  public static int parallelism() {
    String p = System.getProperty(PARALLELISM_PROPERTY);
    if (p != null) {
      int n;
      try {
        n = Integer.parseInt(p.trim());
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) {
        throw new IllegalArgumentException(
            "-D" + PARALLELISM_PROPERTY + " must be a whole number of at least 1, not '" + p + "'");
      }
      return n;
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Applies {@code fn} to every item, {@link #parallelism()} at a time, and returns the results
   * in the items' order.
   *
   * @throws ParallelMapException for the first item whose call failed; the others stop early
   */
  public static <T, R> List<R> parallelMap(ThrowingFunction<? super T, ? extends R> fn,
      Iterable<? extends T> items) {
    List<T> list = new ArrayList<>();
    items.forEach(list::add);
    Object[] results = new Object[list.size()];
    int threads = Math.min(parallelism(), list.size());
    AtomicInteger next = new AtomicInteger();
    AtomicReference<ParallelMapException> failure = new AtomicReference<>();
    Runnable worker = () -> {
      int i;
      while (failure.get() == null && (i = next.getAndIncrement()) < results.length) {
        try {
          results[i] = fn.apply(list.get(i));
        } catch (Throwable t) {
          // report the failing item with the lowest index, whatever the threads' timing
          ParallelMapException mine = new ParallelMapException(i, list.get(i), t);
          failure.accumulateAndGet(mine, (a, b) -> a == null || b.index() < a.index() ? b : a);
        }
      }
    };
    if (threads <= 1) {
      worker.run();
    } else {
      Thread[] pool = new Thread[threads - 1];
      for (int t = 0; t < pool.length; t++) {
        pool[t] = new Thread(worker, "parallelMap-" + t);
        pool[t].setDaemon(true);
        pool[t].start();
      }
      worker.run(); // the calling thread is one of the workers
      for (Thread t : pool) {
        joinUninterruptibly(t);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    @SuppressWarnings("unchecked")
    List<R> out = (List<R>) Arrays.asList(results);
    return out;
  }

  /** Calls every callable, {@link #parallelism()} at a time; the results in order. */
  public static <R> List<R> parallelCall(List<? extends Callable<? extends R>> calls) {
    return parallelMap(Callable::call, calls);
  }

  /** The integers {@code from, from+step, ...} below {@code to}. */
  public static List<Integer> range(int from, int to, int step) {
    if (step <= 0) {
      throw new IllegalArgumentException("range: step must be positive, not " + step);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < to; i += step) {
      out.add(i);
    }
    return out;
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
