package dev.cellflow.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.compute.TaskOutcome;
import dev.cellflow.internal.local.WorkerPool.Job;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pool's rules, with fake processes ({@link FakeProcess}) and a fake clock ({@link
 * FakeClock}): which process a task gets, when one boots, and which are reused, retired or
 * killed. With real processes: IsolationIT, ReliabilityIT, LocalRuntimeIT.
 */
class WorkerPoolTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final FakeClock clock = new FakeClock();
  private final List<FakeProcess> started = new ArrayList<>();
  private final List<String> outcomes = new ArrayList<>();

  private WorkerPool pool(int maxWorkers, int bootAtOnce, boolean fresh) {
    WorkerPool.Factory factory = (heapMb, listener) -> {
      FakeProcess w = new FakeProcess(heapMb);
      started.add(w);
      return w;
    };
    return new WorkerPool(factory, clock, new WorkerPool.Policy(maxWorkers, bootAtOnce, fresh));
  }

  private static Job job(String step, int heapMb) {
    return new Job(null, heapMb, false, 0, step);
  }

  private static Job retry(String step, int heapMb) {
    return new Job(null, heapMb, true, 0, step);
  }

  private void submit(WorkerPool pool, Job job) {
    pool.submit(job, o -> outcomes.add(job.step() + ":" + o.status()));
  }

  private static TaskOutcome outcome(String status) {
    return new TaskOutcome(TaskOutcome.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT)), "", null, 1, 0);
  }

  @Test
  void aProcessThatEndedItsTaskCleanlyTakesTheNext() {
    WorkerPool pool = pool(16, 1, false);
    submit(pool, job("a", 500));
    assertEquals(1, started.size(), "a task with no process boots one");
    FakeProcess w = started.get(0);
    pool.ready(w);
    assertEquals("a", w.running().step());
    w.finish(outcome("ok"));
    submit(pool, job("b", 500));
    assertEquals(1, started.size(), "no second process");
    assertEquals("b", w.running().step());
    w.finish(outcome("ok"));
    assertEquals(List.of("a:ok", "b:ok"), outcomes);
    assertEquals(0, w.retired + w.killed);
  }

  @Test
  void onlyATaskOfTheSameHeapReusesAProcess() {
    WorkerPool pool = pool(16, 2, false);
    submit(pool, job("a", 500));
    pool.ready(started.get(0));
    started.get(0).finish(outcome("ok"));
    submit(pool, job("big", 900));
    assertEquals(2, started.size());
    assertEquals(900, started.get(1).heapMb());
    assertEquals(null, started.get(0).running());
  }

  @Test
  void aProcessWhoseTaskFailedOrLeftThreadsIsRetiredAndOneThatDiedIsKilled() {
    WorkerPool pool = pool(16, 3, false);
    for (String s : List.of("fails", "spends", "dies")) {
      submit(pool, job(s, 500));
    }
    started.forEach(pool::ready);
    started.get(1).spent = true;
    started.get(0).finish(outcome("failed"));
    started.get(1).finish(outcome("ok"));
    started.get(2).finish(outcome("oom"));
    assertEquals(1, started.get(0).retired, "a step that threw may have left state behind");
    assertEquals(1, started.get(1).retired, "a task left threads running");
    assertEquals(1, started.get(2).killed, "an Error leaves the JVM unsound");
    submit(pool, job("next", 500));
    assertEquals(4, started.size(), "none of them takes another task");
  }

  @Test
  void aRetryRunsInAProcessNoTaskHasRunIn() {
    WorkerPool pool = pool(16, 2, false);
    submit(pool, job("a", 500));
    FakeProcess used = started.get(0);
    pool.ready(used);
    used.finish(outcome("ok")); // idle, and has run a task
    submit(pool, retry("r", 500));
    assertEquals(2, started.size(), "a retry never runs where a task ran: one boots for it");
    assertEquals(null, used.running());
    submit(pool, job("c", 500));
    assertEquals("c", used.running().step(), "another task takes the used process");
    FakeProcess unused = started.get(1);
    pool.ready(unused);
    assertEquals("r", unused.running().step());
  }

  @Test
  void otherTasksLeaveUnusedProcessesToRetries() {
    WorkerPool pool = pool(16, 1, false);
    pool.prestart(500);
    submit(pool, job("a", 500));
    FakeProcess first = started.get(0);
    pool.ready(first);
    assertEquals("a", first.running().step());
    first.finish(outcome("ok"));
    pool.prestart(700);
    pool.prestart(500); // an idle one of that heap is there: nothing boots
    assertEquals(2, started.size());
    FakeProcess unused = new FakeProcess(500);
    pool.adopt(unused);
    pool.ready(unused);
    submit(pool, job("b", 500));
    assertEquals("b", first.running().step(), "a used process is taken first");
    assertEquals(null, unused.running());
    submit(pool, retry("r", 500));
    assertEquals("r", unused.running().step(), "the unused one was kept for the retry");
  }

  @Test
  void neverMoreProcessesThanMaxWorkersAndAnIdleOneOfAnotherHeapMakesRoom() {
    WorkerPool pool = pool(2, 4, false);
    for (int i = 0; i < 5; i++) {
      submit(pool, job("t" + i, 500));
    }
    assertEquals(2, started.size(), "--max-workers 2");
    FakeProcess w0 = started.get(0);
    FakeProcess w1 = started.get(1);
    pool.ready(w0);
    pool.ready(w1);
    clock.advance(TimeUnit.SECONDS.toNanos(1)); // the waiting tasks have waited a boot's time
    assertEquals(2, started.size(), "--max-workers 2, however long tasks wait");
    w0.finish(outcome("ok"));
    assertEquals("t2", w0.running().step(), "a process that ended takes the next");
    w1.finish(outcome("ok"));
    w0.finish(outcome("ok"));
    w1.finish(outcome("ok"));
    w0.finish(outcome("ok"));
    assertEquals(List.of("t0:ok", "t1:ok", "t2:ok", "t3:ok", "t4:ok"), outcomes);
    submit(pool, job("big", 900));
    assertEquals(1, w1.retired, "the idle process used least recently makes room");
    assertEquals(0, w0.retired);
    assertEquals(3, started.size());
    assertEquals(900, started.get(2).heapMb());
  }

  @Test
  void aTaskWaitsForABusyProcessAboutAsLongAsABootTakes() {
    WorkerPool pool = pool(16, 4, false);
    submit(pool, job("long", 500));
    FakeProcess busy = started.get(0);
    busy.bootNanos = 400 * MS;
    pool.ready(busy); // the measured boot: (3 * 300 + 400) / 4 = 325 ms
    submit(pool, job("short", 500));
    assertEquals(1, started.size(), "waits: the busy process may end soon");
    clock.advance(324 * MS);
    assertEquals(1, started.size());
    clock.advance(1 * MS);
    assertEquals(2, started.size(), "booted once it waited as long as a boot takes");
  }

  @Test
  void aShortTaskTakesTheBusyProcessWhenItEndsInTime() {
    WorkerPool pool = pool(16, 4, false);
    submit(pool, job("a", 500));
    FakeProcess w = started.get(0);
    pool.ready(w);
    submit(pool, job("b", 500));
    clock.advance(100 * MS);
    w.finish(outcome("ok"));
    assertEquals("b", w.running().step());
    clock.advance(1000 * MS);
    assertEquals(1, started.size(), "the wake-up finds nothing left to boot for");
  }

  @Test
  void noMoreThanBootAtOnceProcessesBootTogether() {
    WorkerPool pool = pool(16, 2, false);
    for (int i = 0; i < 5; i++) {
      submit(pool, job("t" + i, 500));
    }
    assertEquals(2, started.size());
    pool.ready(started.get(0));
    assertEquals(2, started.size(), "one boots, one busy: t2.. wait for a boot's time");
    clock.advance(300 * MS);
    assertEquals(3, started.size());
  }

  @Test
  void freshProcessesRunOneTaskEach() {
    WorkerPool pool = pool(16, 1, true);
    submit(pool, job("a", 500));
    pool.ready(started.get(0));
    started.get(0).finish(outcome("ok"));
    assertEquals(1, started.get(0).retired);
    submit(pool, job("b", 500));
    assertEquals(2, started.size());
  }

  @Test
  void anEarlyWorkerIsCountedAndTakesTheFirstTask() {
    WorkerPool pool = pool(16, 1, false);
    FakeProcess early = new FakeProcess(500);
    pool.adopt(early);
    pool.prestart(500);
    assertEquals(0, started.size(), "the adopted one boots for that heap already");
    submit(pool, job("start", 500));
    assertEquals(0, started.size(), "bootAtOnce 1: it waits for the adopted one");
    pool.ready(early);
    assertEquals("start", early.running().step());
  }

  @Test
  void anEarlyWorkerThatDiedBeforeTheRunOpenedIsReplacedWhenATaskComes() {
    WorkerPool pool = pool(16, 1, false);
    FakeProcess early = new FakeProcess(500);
    pool.adopt(early);
    pool.exited(early, 137, ""); // what EarlyWorker.adopt replays
    submit(pool, job("start", 500));
    assertEquals(1, started.size());
    pool.ready(started.get(0));
    assertEquals("start", started.get(0).running().step());
    assertEquals(List.of(), outcomes);
  }

  @Test
  void whenTheOnlyBootingProcessDiesAtStartTheWaitingTasksFailSayingWhy() {
    WorkerPool pool = pool(16, 1, false);
    submit(pool, job("a", 500));
    submit(pool, job("b", 500));
    pool.exited(started.get(0), 1, "Unrecognized option: -XX:+Nonsense");
    assertEquals(List.of("a:died", "b:died"), outcomes);
  }

  @Test
  void aTaskPastItsTimeoutHasItsProcessKilled() {
    WorkerPool pool = pool(16, 1, false);
    Job slow = new Job(null, 500, false, 5, "slow");
    submit(pool, slow);
    FakeProcess w = started.get(0);
    pool.ready(w);
    clock.advance(TimeUnit.SECONDS.toNanos(5) - 1);
    assertEquals(null, w.timedOut);
    clock.advance(1);
    assertTrue(w.timedOut.contains("timed out after 5 s (@Timeout on step 'slow')"), w.timedOut);
    w.finish(outcome("timeout"));
    assertEquals(1, w.killed, "a process killed for a timeout is never reused");
  }

  @Test
  void killAllEndsRunningTasksAndTheWaitingOnesNeverStart() {
    WorkerPool pool = pool(1, 1, false);
    submit(pool, job("a", 500));
    submit(pool, job("b", 500));
    FakeProcess w = started.get(0);
    pool.ready(w);
    pool.killAll();
    assertEquals(1, w.killed);
    assertEquals(List.of("b:killed"), outcomes);
    w.finish(outcome("died"));
    clock.advance(TimeUnit.SECONDS.toNanos(1));
    pool.close();
    assertEquals(1, started.size(), "nothing boots for the tasks that were waiting");
  }

  @Test
  void closeRetiresIdleAndBootingProcessesAndKillsBusyOnes() {
    WorkerPool pool = pool(16, 3, false);
    for (String s : List.of("a", "b", "c")) {
      submit(pool, new Job(null, 500, true, 0, s));
    }
    pool.ready(started.get(0));
    pool.ready(started.get(1));
    started.get(1).finish(outcome("ok"));
    pool.close();
    assertEquals(1, started.get(0).killed, "busy");
    assertEquals(1, started.get(1).retired, "idle");
    assertEquals(1, started.get(2).retired, "booting");
    assertTrue(clock.closed);
  }

  @Test
  void aProcessThatCannotStartFailsTheWaitingTasks() {
    WorkerPool pool = new WorkerPool((heapMb, listener) -> {
      throw new IOException("no java");
    }, clock, new WorkerPool.Policy(16, 1, false));
    pool.submit(job("a", 500), o -> outcomes.add(o.status() + ": " + o.summary()));
    assertEquals(List.of("died: cannot start a task process: no java"), outcomes);
  }

  @Test
  void whenABootFailsWhileSeveralTasksWaitEachFailsAndThePoolKeepsServing() {
    WorkerPool pool = new WorkerPool((heapMb, listener) -> {
      if (!started.isEmpty()) {
        throw new IOException("Cannot run program: error=11, Resource temporarily unavailable");
      }
      FakeProcess w = new FakeProcess(heapMb);
      started.add(w);
      return w;
    }, clock, new WorkerPool.Policy(16, 1, false));
    for (String s : List.of("a", "b", "c")) {
      submit(pool, job(s, 500));
    }
    pool.ready(started.get(0)); // a runs; b and c wait a boot's time, then boot one: it fails
    clock.advance(TimeUnit.SECONDS.toNanos(1));
    assertEquals(List.of("b:died", "c:died"), outcomes);
    started.get(0).finish(outcome("ok"));
    submit(pool, job("d", 500));
    assertEquals("d", started.get(0).running().step());
  }
}
