package dev.cellflow.internal.local;

import dev.cellflow.internal.startup.CdsArchive;
import dev.cellflow.internal.startup.FastStart;
import java.io.IOException;
import java.util.List;

/**
 * A run's first task process, booted as the command line starts instead of when the run's
 * {@link LocalBackend} opens, and handed to that backend. Measured on a 2-core machine: the
 * runtime's JVM spends about 0.5 s reading its command line, building the graph and opening
 * the datastore before the backend opens, and a task process takes about as long to boot; done
 * one after the other they made up most of a cold 2-step run. A process nobody takes (the run
 * stopped early, or its start step needs another heap) sits idle and ends with the runtime's
 * JVM, as any worker does when its input closes.
 */
final class EarlyWorker implements TaskProcess.Listener {
  private static EarlyWorker waiting; // guarded by EarlyWorker.class

  private final String classpath;
  private Worker worker;
  private TaskProcess.Listener owner; // the rest guarded by this
  private boolean ready;
  private boolean exited;
  private int exitCode;
  private String lastOutput;

  private EarlyWorker(String classpath) {
    this.classpath = classpath;
  }

  /**
   * Boots a process with a {@code heapMb} heap for a backend of {@code classpath} to take, unless
   * one waits already; it prepares for tasks of {@code flowClass} while it waits. Only where the
   * class-data archive is written (or switched off): the process that writes it must be one its
   * backend publishes.
   */
  static synchronized void boot(String classpath, int heapMb, String flowClass) {
    if (waiting != null || !FastStart.on(FastStart.Piece.EARLY_WORKER)) {
      return;
    }
    CdsArchive cds = CdsArchive.forClasspath(classpath);
    if (cds != null && !cds.written()) {
      return;
    }
    EarlyWorker early = new EarlyWorker(classpath);
    List<String> options = new java.util.ArrayList<>(cds == null ? List.of() : cds.jvmOptions());
    options.add("-D" + dev.cellflow.internal.task.WorkerMain.FLOW_PROPERTY + "=" + flowClass);
    List<String> cmd = TaskCommand.of(classpath, heapMb, options);
    try {
      early.worker = new Worker(cmd, heapMb, early);
      waiting = early;
    } catch (IOException e) {
      // the backend boots its own
    }
  }

  /** The waiting process for {@code classpath}, now the caller's to adopt; or null. */
  static synchronized EarlyWorker take(String classpath) {
    EarlyWorker early = waiting;
    if (early == null || !early.classpath.equals(classpath)) {
      return null;
    }
    waiting = null;
    return early;
  }

  Worker worker() {
    return worker;
  }

  /** From now on {@code listener} hears this process's events, and first what it missed. */
  synchronized void adopt(TaskProcess.Listener listener) {
    owner = listener;
    if (exited) {
      listener.exited(worker, exitCode, lastOutput);
    } else if (ready) {
      listener.ready(worker);
    }
  }

  @Override
  public synchronized void ready(TaskProcess w) {
    if (owner != null) {
      owner.ready(w);
    } else {
      ready = true;
    }
  }

  @Override
  public synchronized void exited(TaskProcess w, int code, String output) {
    if (owner != null) {
      owner.exited(w, code, output);
    } else {
      exited = true;
      exitCode = code;
      lastOutput = output;
    }
  }
}
