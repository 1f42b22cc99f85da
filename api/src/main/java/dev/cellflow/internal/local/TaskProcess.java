package dev.cellflow.internal.local;

import dev.cellflow.compute.TaskOutcome;
import java.io.IOException;
import java.util.function.Consumer;

/** A task process as the {@link WorkerPool} sees it; {@link Worker} is the real one. */
interface TaskProcess {
  /** What the pool hears from its processes, from their reader threads. */
  interface Listener {
    /** The process has booted and takes tasks. */
    void ready(TaskProcess p);

    /** The process ended while it had no task (at start-up, or retired). */
    void exited(TaskProcess p, int code, String lastOutput);
  }

  /** The heap it was started with, in MB: it takes only tasks that ask for that. */
  int heapMb();

  boolean alive();

  /** Whether it has run no task yet: no task's state can be in it. */
  boolean unused();

  /** Whether a task left threads running in it, which must then take no other. */
  boolean spent();

  /** How long it took from its start to ready, in nanoseconds (0 before ready). */
  long bootNanos();

  long pid();

  /** Sends a task; {@code done} runs once, when the task has ended. */
  void run(WorkerPool.Job job, Consumer<TaskOutcome> done) throws IOException;

  /** Ends the process if it still runs {@code job}; that task ends as timed out. */
  void timeOut(WorkerPool.Job job, String reason);

  /** Asks the process to leave once it is idle. */
  void retire();

  /** Ends the process at once; its task, if any, ends as died. */
  void kill();
}
