package dev.cellflow.internal.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.internal.local.WorkerPool.Job;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A process that runs what it is sent until the test ends the task. */
final class FakeProcess implements TaskProcess {
  private final int heapMb;
  private Job job;
  private Consumer<TaskOutcome> done;
  private int tasks;
  boolean spent;
  boolean alive = true;
  long bootNanos = TimeUnit.MILLISECONDS.toNanos(300);
  int retired;
  int killed;
  String timedOut;

  FakeProcess(int heapMb) {
    this.heapMb = heapMb;
  }

  Job running() {
    return job;
  }

  void finish(TaskOutcome outcome) {
    assertFalse(job == null, "a task runs");
    var d = done;
    job = null;
    done = null;
    d.accept(outcome);
  }

  @Override
  public int heapMb() {
    return heapMb;
  }

  @Override
  public boolean alive() {
    return alive;
  }

  @Override
  public boolean unused() {
    return tasks == 0;
  }

  @Override
  public boolean spent() {
    return spent;
  }

  @Override
  public long bootNanos() {
    return bootNanos;
  }

  @Override
  public long pid() {
    return 1;
  }

  @Override
  public void run(Job job, Consumer<TaskOutcome> done) {
    assertTrue(this.job == null, "one task at a time");
    assertTrue(alive && retired == 0, "a live process that was not retired");
    tasks++;
    this.job = job;
    this.done = done;
  }

  @Override
  public void timeOut(Job job, String reason) {
    if (this.job == job) {
      timedOut = reason;
    }
  }

  @Override
  public void retire() {
    retired++;
  }

  @Override
  public void kill() {
    killed++;
    alive = false;
  }
}
