package dev.cellflow.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peak resident memory of a run's processes, read from {@code /proc} every 20 ms while it
 * runs: the runtime (the JVM started and the copy it hands the run to) and its task processes
 * (the largest of them). Linux keeps each process's peak ({@code VmHWM}), so sampling misses
 * only what a process reaches in its last 20 ms. Elsewhere, nothing is known (-1).
 */
final class PeakMemory implements AutoCloseable {
  private final Process root;
  private final Thread sampler;
  private volatile boolean done;
  private volatile long runtimeKb = -1;
  private volatile long taskKb = -1;

  private PeakMemory(Process root) {
    this.root = root;
    this.sampler = new Thread(this::sample, "bench-peak-memory");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling {@code p} and its descendants. */
  static PeakMemory of(Process p) {
    return new PeakMemory(p);
  }

  private void sample() {
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      return;
    }
    while (!done) {
      look(root.toHandle());
      root.toHandle().descendants().forEach(this::look);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void look(ProcessHandle h) {
    long kb = peakKb(h.pid());
    if (kb < 0) {
      return;
    }
    boolean task = h.info().arguments().map(a -> String.join(" ", a).contains("WorkerMain"))
        .orElse(false);
    if (task) {
      taskKb = Math.max(taskKb, kb);
    } else {
      runtimeKb = Math.max(runtimeKb, kb);
    }
  }

  private static long peakKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
          StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone, or not Linux
    }
    return -1;
  }

  /** The runtime's peak resident memory in MB, or -1. */
  double runtimeMb() {
    return runtimeKb < 0 ? -1 : runtimeKb / 1024.0;
  }

  /** The largest task process's peak resident memory in MB, or -1. */
  double taskMb() {
    return taskKb < 0 ? -1 : taskKb / 1024.0;
  }

  @Override
  public void close() {
    done = true;
    sampler.interrupt();
  }
}
