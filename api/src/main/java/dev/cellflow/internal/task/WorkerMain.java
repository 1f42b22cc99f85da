package dev.cellflow.internal.task;

import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.metadata.Json;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;

/**
 * A warm task process: reads task entry arguments (a JSON array) one line at a time on its
 * input, runs each task, and marks the end of each task's output on stdout and stderr with
 * {@link #END}. A crash, {@code System.exit} or an out-of-memory error ends only this process;
 * the runtime sees it and fails that one task. When the runtime goes away (its end of the input
 * closes), the worker halts at once, even mid-task: no orphan runs on.
 */
public final class WorkerMain {
  /** Printed once on stdout when the process is up and takes tasks. */
  public static final String READY = "\u0001CELLFLOW-READY";

  /** Starts the end-of-task line; the status and a JSON summary follow on stdout. */
  public static final String END = "\u0001CELLFLOW-END";

  /**
   * Printed on stdout just before {@link #END} when the task left threads running: the process
   * takes no more tasks.
   */
  public static final String SPENT = "\u0001CELLFLOW-SPENT";

  private WorkerMain() {}

  /** Entry point of a worker process. */
  public static void main(String[] args) throws IOException {
    Tracking out = new Tracking(new FileOutputStream(FileDescriptor.out));
    Tracking err = new Tracking(new FileOutputStream(FileDescriptor.err));
    PrintStream sysOut = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream sysErr = new PrintStream(err, true, StandardCharsets.UTF_8);
    System.setOut(sysOut);
    System.setErr(sysErr);
    TaskRunner runner = TaskRunner.forWarmWorker(ClassLoader.getSystemClassLoader());
    Thread aside = new Thread(() -> warmUpAside(runner), "cellflow-warm-up");
    aside.setDaemon(true);
    aside.start();
    Json.warmUp(); // reads the task lines
    sysOut.println(READY);
    startInputReader();
    TaskThread taskThread = null;
    while (true) {
      String line = takeLine();
      if (line == null) {
        System.exit(0); // input closed while idle: a retirement, see leave()
      }
      List<String> argv = Json.readStrings(line);
      TaskSpec spec = TaskSpec.fromArgs(argv.subList(1, argv.size()));
      TaskOutcome.Status status = TaskOutcome.Status.OK;
      String summary = "";
      boolean fatal = false;
      ProcessState before = ProcessState.take();
      try {
        if (taskThread == null) {
          runner.run(spec); // no task has left a ThreadLocal of a class that can hold state
        } else {
          taskThread.run(runner, spec);
        }
      } catch (Throwable t) {
        status = t instanceof OutOfMemoryError ? TaskOutcome.Status.OOM
            : TaskOutcome.Status.FAILED;
        fatal = t instanceof Error;
        summary = TaskFailures.summary(t);
        TaskFailures.print(t, sysErr);
      }
      List<String> leftThreads = fatal ? List.of() : before.restore();
      if (!leftThreads.isEmpty()) {
        sysErr.println("cellflow: step '" + spec.step() + "' left thread(s) " + leftThreads
            + " running; this process runs no other task (end them, or make them daemons)");
      }
      synchronized (INPUT) {
        taskRunning = false;
      }
      sysErr.flush();
      err.endLine();
      sysErr.println(END);
      sysOut.flush();
      out.endLine();
      if (!leftThreads.isEmpty()) {
        sysOut.println(SPENT);
      }
      sysOut.println(END + " " + status + " " + Json.quote(summary));
      if (!fatal && leftThreads.isEmpty() && runner.renewsLoader()) {
        // while the runtime sends the next task: its thread, its loader and its flow class
        if (taskThread != null) {
          taskThread.end();
        }
        taskThread = new TaskThread();
        runner.prepare(spec.flowClass());
      }
      if (fatal) {
        Runtime.getRuntime().halt(70); // a JVM after an Error is not trusted with another task
      }
    }
  }

  /**
   * The thread tasks run on once a task ran with classes that can hold state: a new one with
   * each new loader, so no ThreadLocal of such a task reaches the next. Until then, while the
   * tasks share a loader whose classes hold no ThreadLocal, they run on the main thread, with no
   * hand-over. Not a new thread per task, and one started before its task arrives: on a busy
   * machine a newly started thread waits its turn behind the running ones (measured: about
   * 10 ms a task, on 2 cores with 25 runnable threads), while a waiting one runs at once.
   */
  private static final class TaskThread {
    private static final Runnable END_THREAD = () -> { };
    private final SynchronousQueue<Runnable> work = new SynchronousQueue<>();
    private final Semaphore done = new Semaphore(0);
    private final Thread thread;
    private volatile Throwable failure;

    TaskThread() {
      // not a daemon, as the main thread: so are the threads a task starts, unless it says
      thread = new Thread(this::loop, "main"); // the name a step's thread had before
      thread.start();
    }

    private void loop() {
      while (true) {
        Runnable r;
        try {
          r = work.take();
        } catch (InterruptedException e) {
          continue; // a task that interrupted itself: the next one starts clean
        }
        if (r == END_THREAD) {
          return;
        }
        r.run();
        done.release();
      }
    }

    /** Runs {@code spec} on this thread; throws what the task threw. */
    void run(TaskRunner runner, TaskSpec spec) throws Throwable {
      failure = null;
      hand(() -> {
        try {
          runner.run(spec);
        } catch (Throwable t) {
          failure = t;
        }
      });
      done.acquireUninterruptibly();
      if (failure != null) {
        throw failure;
      }
    }

    /** Ends the thread, once it has finished its task. */
    void end() {
      hand(END_THREAD);
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          // nothing in this process interrupts the main thread on purpose
        }
      }
    }

    private void hand(Runnable r) {
      while (true) {
        try {
          work.put(r);
          return;
        } catch (InterruptedException e) {
          // nothing in this process interrupts the main thread on purpose
        }
      }
    }
  }

  /** Names the flow class this process will run tasks of, so it can prepare for it. */
  public static final String FLOW_PROPERTY = "cellflow.flow";

  /**
   * Loads, beside the main thread, what every task needs (hashing, the flow's class and its
   * reflection), so the first task finds it done. Beside, not before READY: measured on a
   * 2-core machine, a run's first task process is what a short run waits for, and the runtime's
   * JVM leaves a core idle while it waits. Not what only some tasks need (Java serialization):
   * a short run is bound by the CPU its three JVMs share.
   */
  private static void warmUpAside(TaskRunner runner) {
    try {
      java.security.MessageDigest.getInstance("SHA-256"); // content addresses
      runner.prepare(System.getProperty(FLOW_PROPERTY));
    } catch (Exception e) {
      // the task that needs it reports it
    }
  }

  /** The lines read from the input, oldest first; {@link #CLOSED} once the input has ended. */
  private static final BlockingQueue<String> INPUT = new LinkedBlockingQueue<>();
  private static final String CLOSED = new String("closed"); // compared by identity
  // both guarded by INPUT: a task starts only while the input is open, and the input closing
  // while a task runs halts this process
  private static boolean taskRunning;
  private static boolean inputClosed;

  /**
   * Starts the one thread that reads the input for the life of the process. It hands each task
   * line to the main loop, and sees the end of the input at once, even mid-task, when it means
   * the runtime is gone and this process must not run on. (One thread for the process, not one
   * per task: starting a thread per task cost a measurable part of a trivial task.)
   */
  private static void startInputReader() {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Thread t = new Thread(() -> {
      try {
        String line;
        while ((line = in.readLine()) != null) {
          INPUT.add(line);
        }
      } catch (IOException e) {
        // an input that cannot be read is a closed one
      }
      leave();
    }, "cellflow-input");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The next task line, marking a task as running; null when the input has closed. Blocks
   * until one or the other.
   */
  private static String takeLine() {
    while (true) {
      String line;
      try {
        line = INPUT.take();
      } catch (InterruptedException e) {
        continue; // nothing in this process interrupts the main thread on purpose
      }
      synchronized (INPUT) {
        if (line == CLOSED || inputClosed) {
          return null;
        }
        taskRunning = true;
        return line;
      }
    }
  }

  /**
   * The runtime closed this process's input. Mid-task, the runtime is gone: halt at once, so
   * no orphan runs on. Idle, it is a retirement: the main loop exits normally, letting the JVM
   * write its class-data archive (and a profiler its recording).
   */
  private static void leave() {
    synchronized (INPUT) {
      inputClosed = true;
      if (taskRunning) {
        Runtime.getRuntime().halt(143);
      }
    }
    INPUT.add(CLOSED);
  }

  /** Marks the time a line was printed: {@code STAMP + epochMillis + STAMP} starts the line. */
  public static final char STAMP = '\u0002';

  /**
   * Stamps each line with the time it was printed, at the source, and remembers whether the last
   * byte written ended a line, so END always starts one.
   */
  static final class Tracking extends FilterOutputStream {
    private volatile boolean atLineStart = true;

    Tracking(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      int end = off + len;
      int from = off;
      while (from < end) {
        if (atLineStart) {
          out.write((STAMP + Long.toString(System.currentTimeMillis()) + STAMP)
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          atLineStart = false;
        }
        int nl = from;
        while (nl < end && b[nl] != '\n') {
          nl++;
        }
        if (nl < end) {
          out.write(b, from, nl - from + 1);
          atLineStart = true;
          from = nl + 1;
        } else {
          out.write(b, from, end - from);
          from = end;
        }
      }
    }

    void endLine() throws IOException {
      if (!atLineStart) {
        write('\n');
      }
      flush();
    }
  }
}
