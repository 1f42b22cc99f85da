package dev.cellflow.internal.local;

import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskOutcome;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Which task process runs which task, and when a process is booted, reused, retired or killed.
 * It starts processes through a {@link Factory} and keeps time through a {@link Clock}, so its
 * rules are unit-tested with fake ones; {@link LocalBackend} gives it real ones.
 *
 * <p>Processes are warm workers: starting a JVM and loading cellflow's classes is the main cost
 * of a small task, so a process that ended its task cleanly takes the next task of the same
 * heap size (one whose task failed, or left a non-daemon thread running, is retired; a retry
 * gets a process no task has run in). New processes boot a few at a time while tasks wait:
 * short tasks are done by the processes already up, long ones get a process each, up to {@code
 * --max-workers}. A process that failed in a way that could leave it unsound (an Error, a
 * crash) is never reused.
 *
 * <p>A task that could run on a process that is busy waits for it for about as long as booting
 * a new process takes, before one is booted for it. Booting is not free: a process costs a few
 * hundred milliseconds of CPU to boot and more to compile its hot code, and on a small machine
 * booting one process per waiting short task (up to {@code --max-workers}) took that CPU from
 * the processes doing the work, slowing a foreach of trivial tasks several-fold. Waiting no
 * longer than a boot takes keeps long tasks from waiting much: each waits at most about twice
 * as long as it would have with a new process started for it at once.
 */
final class WorkerPool implements TaskProcess.Listener {
  /** Starts task processes. */
  interface Factory {
    /** Starts a process with a {@code heapMb} heap that reports to {@code listener}. */
    TaskProcess start(int heapMb, TaskProcess.Listener listener) throws IOException;

    /** Words that say what of a process's command line the user chose, for a failed start. */
    default String startHint() {
      return "";
    }
  }

  /** Time for boot decisions and timeouts. */
  interface Clock {
    /** Now, as {@link System#nanoTime}. */
    long nanoTime();

    /** Runs {@code action} on another thread after {@code delayNanos}. */
    void schedule(Runnable action, long delayNanos);

    /** Drops what is scheduled. */
    void close();
  }

  /**
   * How many processes, and how they are used.
   *
   * @param maxWorkers the most processes alive at once ({@code --max-workers})
   * @param bootAtOnce the most processes booting at once
   * @param fresh every task in a new process ({@code CELLFLOW_TASK_PROCESS=fresh})
   */
  record Policy(int maxWorkers, int bootAtOnce, boolean fresh) {}

  /**
   * A task as the pool sees it.
   *
   * @param launch what the process runs (the pool only hands it on)
   * @param heapMb the heap its step asks for
   * @param retry whether an earlier attempt of it failed
   * @param timeoutSeconds after how long its process is killed, 0 for never
   * @param step its step's name, for messages
   */
  record Job(TaskLaunch launch, int heapMb, boolean retry, long timeoutSeconds, String step) {
    static Job of(TaskLaunch launch) {
      return new Job(launch, launch.resources().memory(), launch.spec().attempt() > 0,
          launch.timeoutSeconds(), launch.spec().step());
    }
  }

  private record Pending(Job job, Consumer<TaskOutcome> done, long queuedAt) {}

  private final Factory factory;
  private final Clock clock;
  private final Policy policy;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private final List<TaskProcess> booting = new ArrayList<>();
  private final Deque<TaskProcess> idle = new ArrayDeque<>();
  private final List<TaskProcess> busy = new ArrayList<>();
  /** How long booting a process takes here, measured (a moving average); a guess until then. */
  private long bootNanos = TimeUnit.MILLISECONDS.toNanos(300);
  private long wakeAt = Long.MAX_VALUE;

  WorkerPool(Factory factory, Clock clock, Policy policy) {
    this.factory = factory;
    this.clock = clock;
    this.policy = policy;
  }

  /** Boots a process with a {@code heapMb} heap ahead of need, unless one boots or idles. */
  synchronized void prestart(int heapMb) {
    if (!hasWorker(booting, heapMb) && !hasWorker(idle, heapMb)) {
      boot(heapMb);
    }
  }

  /**
   * Counts {@code p}, started elsewhere and still booting, as one of the pool's; the caller then
   * has it report to this pool.
   */
  synchronized void adopt(TaskProcess p) {
    booting.add(p);
  }

  /** Runs {@code job} when a process is free for it; {@code done} is called once. */
  synchronized void submit(Job job, Consumer<TaskOutcome> done) {
    pending.add(new Pending(job, done, clock.nanoTime()));
    dispatch();
  }

  private synchronized void dispatch() {
    long now = clock.nanoTime();
    long wakeNeeded = Long.MAX_VALUE;
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      int heap = p.job().heapMb();
      // a retry starts in a process no task has run in: its failed attempt's process is
      // retired, and another may hold what earlier tasks of the step left (statics)
      boolean retry = p.job().retry();
      TaskProcess w = null;
      for (TaskProcess x : idle) {
        if (x.heapMb() == heap && x.alive() && (!retry || x.unused())) {
          if (w == null || w.unused() && !x.unused()) {
            w = x; // other tasks take a used process first, leaving unused ones to retries
          }
          if (retry || !x.unused()) {
            break;
          }
        }
      }
      if (w != null) {
        idle.remove(w);
        busy.add(w);
        it.remove();
        start(w, p);
      } else if (booting.size() < policy.bootAtOnce()) {
        long bootAt = !policy.fresh() && !retry && hasWorker(busy, heap)
            ? p.queuedAt() + bootNanos : now;
        if (bootAt > now) {
          wakeNeeded = Math.min(wakeNeeded, bootAt); // a busy process may soon take it
          continue;
        }
        if (live() >= policy.maxWorkers() && !idle.isEmpty()) {
          idle.removeLast().retire(); // a process of another heap size makes room
        }
        if (live() < policy.maxWorkers() && !boot(heap)) {
          return; // every waiting task has failed: none is left to dispatch
        }
      }
    }
    if (wakeNeeded != Long.MAX_VALUE && !pending.isEmpty()) {
      wakeAt(wakeNeeded, now);
    }
  }

  private static boolean hasWorker(Collection<TaskProcess> workers, int heapMb) {
    for (TaskProcess w : workers) {
      if (w.heapMb() == heapMb) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@link #dispatch} at {@code at} (a {@link Clock#nanoTime}), unless one runs sooner. */
  private void wakeAt(long at, long now) {
    if (at >= wakeAt) {
      return; // the earlier wake-up dispatches, and asks for this one again if still needed
    }
    wakeAt = at;
    clock.schedule(() -> {
      synchronized (this) {
        wakeAt = Long.MAX_VALUE;
        dispatch();
      }
    }, at - now);
  }

  private void start(TaskProcess w, Pending p) {
    Job job = p.job();
    long limit = job.timeoutSeconds();
    if (limit > 0) {
      clock.schedule(() -> w.timeOut(job, "timed out after " + limit + " s (@Timeout on step '"
          + job.step() + "'); its process was killed"), TimeUnit.SECONDS.toNanos(limit));
    }
    try {
      w.run(job, outcome -> finished(w, p, outcome));
    } catch (IOException e) {
      finished(w, p, new TaskOutcome(TaskOutcome.Status.DIED, "cannot send the task to its process: " + e, null,
          w.pid(), System.currentTimeMillis()));
    }
  }

  private void finished(TaskProcess w, Pending p, TaskOutcome outcome) {
    synchronized (this) {
      busy.remove(w);
      if (outcome.ok() && w.alive() && !policy.fresh() && !w.spent()) {
        idle.addFirst(w);
      } else if ((outcome.ok() || outcome.status() == TaskOutcome.Status.FAILED) && w.alive()) {
        // a step that threw may have left state behind (statics, threads): its retry, and the
        // tasks after it, do not run in this process; nor after one that left threads running
        w.retire();
      } else {
        w.kill(); // an Error or a crash leaves the JVM unsound
      }
      dispatch();
    }
    p.done().accept(outcome);
  }

  /** Boots a process; if it cannot start, fails every waiting task and says false. */
  private boolean boot(int heapMb) {
    try {
      booting.add(factory.start(heapMb, this));
      return true;
    } catch (IOException e) {
      failPending("cannot start a task process: " + e.getMessage());
      return false;
    }
  }

  private int live() {
    return booting.size() + idle.size() + busy.size();
  }

  @Override
  public synchronized void ready(TaskProcess w) {
    // boots vary with load; weigh the latest a quarter
    bootNanos = (3 * bootNanos + Math.max(TimeUnit.MILLISECONDS.toNanos(50), w.bootNanos())) / 4;
    booting.remove(w);
    idle.addFirst(w);
    dispatch();
  }

  @Override
  public void exited(TaskProcess w, int code, String lastOutput) {
    List<Pending> orphaned = List.of();
    synchronized (this) {
      boolean wasBooting = booting.remove(w);
      idle.remove(w);
      if (wasBooting && live() == 0) {
        orphaned = new ArrayList<>(pending);
        pending.clear();
      } else {
        dispatch();
      }
    }
    for (Pending p : orphaned) {
      p.done().accept(new TaskOutcome(TaskOutcome.Status.DIED, "the task process could not start (exit code "
          + code + ")" + factory.startHint() + ": " + lastOutput, code, 0,
          System.currentTimeMillis()));
    }
  }

  private void failPending(String why) {
    List<Pending> all = new ArrayList<>(pending);
    pending.clear();
    for (Pending p : all) {
      p.done().accept(new TaskOutcome(TaskOutcome.Status.DIED, why, null, 0, System.currentTimeMillis()));
    }
  }

  /** Ends every running task; the waiting ones end as killed without starting. */
  void killAll() {
    List<Pending> waiting;
    synchronized (this) {
      waiting = new ArrayList<>(pending);
      pending.clear();
      busy.forEach(TaskProcess::kill);
    }
    for (Pending p : waiting) {
      p.done().accept(new TaskOutcome(TaskOutcome.Status.KILLED, "not started: the run stopped", null, 0,
          System.currentTimeMillis()));
    }
  }

  /** Retires the idle and booting processes and kills the busy ones. */
  synchronized void close() {
    idle.forEach(TaskProcess::retire);
    booting.forEach(TaskProcess::retire);
    busy.forEach(TaskProcess::kill);
    clock.close();
  }
}
