package dev.cellflow.compute.local;

import dev.cellflow.task.WorkerMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Warm task processes, kept per heap size. Starting a JVM and loading cellflow's classes is
 * the main cost of a small task; a process that finished a task cleanly takes the next one of
 * the same run, so a foreach of 100 splits starts a handful of JVMs, not 100. A process that
 * failed in a way that could leave it unsound (an Error, a crash) is never reused.
 */
final class WorkerPool implements AutoCloseable {
  private final String classpath;
  private final int maxWorkers;
  private final Deque<Worker> idle = new ArrayDeque<>();
  private final List<Worker> all = new ArrayList<>();

  WorkerPool(String classpath, int maxWorkers) {
    this.classpath = classpath;
    this.maxWorkers = maxWorkers;
  }

  /** A worker with a heap of {@code heapMb}: an idle one, else a new one. */
  synchronized Worker acquire(int heapMb) throws IOException {
    for (Worker w : idle) {
      if (w.heapMb() == heapMb && w.alive()) {
        idle.remove(w);
        return w;
      }
    }
    all.removeIf(w -> !w.alive());
    idle.removeIf(w -> !w.alive());
    while (all.size() >= maxWorkers && !idle.isEmpty()) {
      Worker old = idle.removeFirst(); // wrong heap size: make room
      old.retire();
      all.remove(old);
    }
    Worker w = new Worker(command(heapMb), heapMb);
    all.add(w);
    return w;
  }

  /** Starts a worker ahead of need, so its JVM boots while the runtime prepares the run. */
  synchronized void prestart(int heapMb) throws IOException {
    Worker w = new Worker(command(heapMb), heapMb);
    all.add(w);
    idle.add(w);
  }

  /** Takes a worker back after a task; only a sound, living one is used again. */
  synchronized void release(Worker w, boolean sound) {
    if (sound && w.alive()) {
      idle.addFirst(w);
    } else {
      w.kill();
      all.remove(w);
    }
  }

  /** Kills every worker (the run is over or interrupted). */
  synchronized void killAll() {
    for (Worker w : all) {
      w.kill();
    }
  }

  @Override
  public synchronized void close() {
    for (Worker w : all) {
      w.retire();
    }
    all.clear();
    idle.clear();
  }

  private List<String> command(int heapMb) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-Xmx" + heapMb + "m",
        // Parallel GC allocates and promotes big row arrays fastest, and starts quickly
        "-XX:+UseParallelGC", "-XX:-UsePerfData", "-Xshare:auto",
        "-cp", classpath, WorkerMain.class.getName());
  }
}
