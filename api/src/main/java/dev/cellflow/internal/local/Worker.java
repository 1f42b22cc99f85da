package dev.cellflow.internal.local;

import dev.cellflow.compute.TaskLaunch;
import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.internal.metadata.Json;
import dev.cellflow.internal.task.WorkerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One task process ({@link WorkerMain}) and the two threads that read its output. It is ready
 * once it has printed {@link WorkerMain#READY}; a task is over when both streams have shown the
 * end line, or when the process has ended.
 */
final class Worker implements TaskProcess {
  private final Process process;
  private final int heapMb;
  private final OutputStream stdin;
  private final TaskProcess.Listener listener;
  private final AtomicInteger streamsOpen = new AtomicInteger(2);
  private final Deque<String> bootOutput = new ArrayDeque<>();
  private volatile Current current;
  private volatile String killReason;
  private final long spawnedAt = System.nanoTime();
  private volatile long readyAt;
  /** Tasks sent to this process so far. */
  private volatile int tasksRun;
  /** A task left threads running here: the process takes no other task. */
  private volatile boolean spent;

  /** The task this worker runs, and how far its end has been seen. */
  private record Current(WorkerPool.Job job, Consumer<TaskOutcome> done, AtomicInteger ends,
      String[] status, long startedAt) {}

  Worker(List<String> command, int heapMb, TaskProcess.Listener listener) throws IOException {
    this.process = new ProcessBuilder(command).start();
    this.heapMb = heapMb;
    this.listener = listener;
    this.stdin = process.getOutputStream();
    reader(process.getInputStream(), false).start();
    reader(process.getErrorStream(), true).start();
  }

  Process process() {
    return process;
  }

  @Override
  public long bootNanos() {
    return readyAt == 0 ? 0 : readyAt - spawnedAt;
  }

  @Override
  public int heapMb() {
    return heapMb;
  }

  @Override
  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public boolean unused() {
    return tasksRun == 0;
  }

  @Override
  public boolean spent() {
    return spent;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  /** Sends a task; {@code done} runs once its output is complete or the process has died. */
  @Override
  public void run(WorkerPool.Job job, Consumer<TaskOutcome> done) throws IOException {
    TaskLaunch launch = job.launch();
    launch.logs().pid(process.pid());
    tasksRun++;
    current = new Current(job, done, new AtomicInteger(), new String[] {"ok", ""},
        System.currentTimeMillis());
    byte[] line = Json.writeStrings(launch.spec().toArgs());
    synchronized (stdin) {
      stdin.write(line);
      stdin.write('\n');
      stdin.flush();
    }
  }

  @Override
  public void kill() {
    process.destroyForcibly();
  }

  @Override
  public void timeOut(WorkerPool.Job job, String reason) {
    Current c = current;
    if (c != null && c.job() == job) {
      killReason = reason;
      process.destroyForcibly();
    }
  }

  /** Asks the process to leave: it exits when its input closes. */
  @Override
  public void retire() {
    try {
      stdin.close();
    } catch (IOException e) {
      process.destroyForcibly();
    }
  }

  private Thread reader(InputStream stream, boolean stderr) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16)) {
        String line;
        while ((line = r.readLine()) != null) {
          Instant at = null;
          if (!line.isEmpty() && line.charAt(0) == WorkerMain.STAMP) {
            int close = line.indexOf(WorkerMain.STAMP, 1);
            if (close > 0) {
              at = Instant.ofEpochMilli(Long.parseLong(line.substring(1, close)));
              line = line.substring(close + 1);
            }
          }
          Current c = current;
          if (line.startsWith(WorkerMain.END)) {
            if (!stderr) {
              String[] parts = line.split(" ", 3);
              c.status[0] = parts.length > 1 ? parts[1] : "failed";
              c.status[1] = parts.length > 2 ? Json.unquote(parts[2]) : "";
            }
            ended(c, null);
          } else if (!stderr && line.equals(WorkerMain.SPENT)) {
            spent = true;
          } else if (!stderr && line.equals(WorkerMain.READY)) {
            readyAt = System.nanoTime();
            listener.ready(this);
          } else if (c != null) {
            c.job().launch().logs().line(stderr, line, at != null ? at : Instant.now());
          } else {
            keepBootOutput(line);
          }
        }
      } catch (IOException e) {
        // the process went away; handled below
      }
      if (streamsOpen.decrementAndGet() == 0) {
        int code = waitFor();
        Current c = current;
        if (c != null) {
          c.status[0] = killReason != null ? "timeout" : "died";
          c.status[1] = killReason != null ? killReason : describeExit(code);
          c.ends().set(1);
          ended(c, code);
        } else {
          listener.exited(this, code, String.join("\n", bootOutput));
        }
      }
    }, "worker-" + process.pid() + (stderr ? "-err" : "-out"));
    t.setDaemon(true);
    return t;
  }

  private synchronized void keepBootOutput(String line) {
    bootOutput.addLast(line);
    if (bootOutput.size() > 20) {
      bootOutput.removeFirst();
    }
  }

  /** The status a task process's end line names; a word it should not send is a failure. */
  private static TaskOutcome.Status status(String word) {
    try {
      return TaskOutcome.Status.of(word);
    } catch (IllegalArgumentException e) {
      return TaskOutcome.Status.FAILED; // thrown here, it would leave the task unfinished
    }
  }

  private void ended(Current c, Integer exitCode) {
    if (c == null || c.ends().incrementAndGet() != 2) {
      return;
    }
    current = null;
    c.done().accept(new TaskOutcome(status(c.status()[0]), c.status()[1], exitCode,
        process.pid(), c.startedAt()));
  }

  private int waitFor() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String describeExit(int code) {
    if (code > 128) {
      return "the task's process was killed by signal " + (code - 128)
          + (code == 137 ? " (SIGKILL: killed, or out of memory in the operating system)" : "");
    }
    return "the task's process exited with code " + code + " before the step finished"
        + " (System.exit in a step ends its task)";
  }
}
