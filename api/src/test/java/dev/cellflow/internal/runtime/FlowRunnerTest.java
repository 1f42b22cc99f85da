package dev.cellflow.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cellflow.Catch;
import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Retry;
import dev.cellflow.RunStatus;
import dev.cellflow.Step;
import dev.cellflow.StepFailure;
import dev.cellflow.TaskStatus;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.GraphBuilder;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.runtime.FakeBackend.Launched;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's decisions, without processes: tasks run on a {@link FakeBackend} that ends each
 * when the test says, against a real datastore, and a listener records every event in order.
 */
class FlowRunnerTest {
  @TempDir Path root;

  /** A foreach of as many splits as start's task makes, then a join. */
  public static class Fan extends FlowSpec {
    List<Integer> items;
    int sq;

    @Step public void start() {
      items = List.of(1, 2, 3);
      foreach("items", this::square);
    }

    @Step public void square() {
      int x = input();
      sq = x * x;
      next(this::join);
    }

    @Step public void join(Inputs<Fan> in) {
      next(this::end);
    }

    @Step public void end() {}
  }

  /** A foreach whose body has two steps. */
  public static class Body extends FlowSpec {
    List<Integer> items;

    @Step public void start() {
      items = List.of(1, 2);
      foreach("items", this::square);
    }

    @Step public void square() {
      next(this::plusOne);
    }

    @Step public void plusOne() {
      next(this::join);
    }

    @Step public void join(Inputs<Body> in) {
      next(this::end);
    }

    @Step public void end() {}
  }

  /** Two branches and their join. */
  public static class Branches extends FlowSpec {
    @Step public void start() {
      next(this::a, this::b);
    }

    @Step public void a() {
      next(this::join);
    }

    @Step public void b() {
      next(this::join);
    }

    @Step public void join(Inputs<Branches> in) {
      next(this::end);
    }

    @Step public void end() {}
  }

  /** The same, with each split retried once. */
  public static class Flaky extends FlowSpec {
    List<Integer> items;

    @Step public void start() {
      items = List.of(1, 2);
      foreach("items", this::square);
    }

    @Retry(times = 1, minutesBetweenRetries = 0)
    @Step public void square() {
      next(this::join);
    }

    @Step public void join(Inputs<Flaky> in) {
      next(this::end);
    }

    @Step public void end() {}
  }

  /** A step whose failure is caught. */
  public static class Caught extends FlowSpec {
    StepFailure failure;

    @Step public void start() {
      next(this::risky);
    }

    @Catch(var = "failure")
    @Step public void risky() {
      next(this::end);
    }

    @Step public void end() {}
  }

  /** Records each event as a short line. */
  static final class Recorder implements RunListener {
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void on(RunEvent e) {
      events.add(line(e));
    }

    synchronized List<String> events() {
      return List.copyOf(events);
    }

    private static String line(RunEvent e) {
      if (e instanceof RunEvent.RunStarted s) {
        return "run " + s.runId() + " started" + (s.origin() != null ? " from " + s.origin() : "");
      } else if (e instanceof RunEvent.TaskQueued q) {
        return "queued " + q.spec().step() + "/" + q.spec().task();
      } else if (e instanceof RunEvent.TaskStarted s) {
        return "started " + s.spec().step() + "/" + s.spec().task() + "#" + s.spec().attempt();
      } else if (e instanceof RunEvent.TaskEnded t) {
        return "ended " + t.spec().step() + "/" + t.spec().task() + "#" + t.spec().attempt()
            + " " + t.status() + (t.error() != null ? " (" + t.error() + ")" : "");
      } else if (e instanceof RunEvent.RetryScheduled r) {
        return "retry " + r.next().step() + "/" + r.next().task() + "#" + r.next().attempt()
            + " of " + r.attempts();
      } else if (e instanceof RunEvent.CatchApplied c) {
        return "caught " + c.spec().step() + "/" + c.spec().task();
      } else if (e instanceof RunEvent.ForeachFanned f) {
        return "fanned " + f.spec().step() + " -> " + f.to() + " x" + f.splits();
      } else if (e instanceof RunEvent.StepFinished f) {
        return "finished " + f.step();
      }
      RunEvent.RunEnded r = (RunEvent.RunEnded) e;
      return "run " + r.run().status();
    }
  }

  private final Recorder recorder = new Recorder();
  private FakeBackend backend;
  private FlowDatastore ds;

  private FlowRunner runner(Class<? extends FlowSpec> flow, int maxWorkers) {
    FlowGraph graph = GraphBuilder.build(flow);
    ds = new FlowDatastore(new LocalStorage(root), graph.flowName());
    backend = new FakeBackend(ds, graph);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    return new FlowRunner(flow, graph, ds, new FlowRunner.Options(maxWorkers, 100, "local",
        root.toString(), List.of(), List.of(), quiet, quiet, true, recorder)).onBackend(backend);
  }

  private interface RunCall {
    RunMeta call() throws Exception;
  }

  private static CompletableFuture<RunMeta> async(RunCall c) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return c.call();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
  }

  private static RunMeta done(CompletableFuture<RunMeta> run) throws Exception {
    return run.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aForeachFansOutAndItsJoinWaitsForEverySplit() throws Exception {
    FlowRunner r = runner(Fan.class, 16);
    CompletableFuture<RunMeta> run = async(() -> r.run(Map.of(), "test"));
    backend.succeed(backend.next(), 3);
    List<Launched> squares = backend.next(3);
    backend.succeed(squares.get(2));
    backend.succeed(squares.get(0));
    backend.succeed(squares.get(1));
    backend.succeed(backend.next()); // the join
    backend.succeed(backend.next());
    assertEquals(RunStatus.SUCCEEDED, done(run).status());
    assertEquals(List.of("run 1 started", "queued start/1", "started start/1#0",
        "ended start/1#0 SUCCEEDED", "fanned start -> square x3", "queued square/2",
        "queued square/3", "queued square/4", "finished start",
        "started square/2#0", "started square/3#0", "started square/4#0",
        "ended square/4#0 SUCCEEDED", "ended square/2#0 SUCCEEDED",
        "ended square/3#0 SUCCEEDED", "queued join/5", "finished square",
        "started join/5#0", "ended join/5#0 SUCCEEDED", "queued end/6", "finished join",
        "started end/6#0", "ended end/6#0 SUCCEEDED", "finished end", "run succeeded"),
        recorder.events());
  }

  @Test
  void branchesRunTogetherAndEachFinishesOnItsOwnBeforeTheirJoin() throws Exception {
    FlowRunner r = runner(Branches.class, 16);
    CompletableFuture<RunMeta> run = async(() -> r.run(Map.of(), "test"));
    backend.succeed(backend.next());
    List<Launched> both = backend.next(2);
    backend.succeed(both.get(1));
    backend.succeed(both.get(0));
    backend.succeed(backend.next());
    backend.succeed(backend.next());
    assertEquals(RunStatus.SUCCEEDED, done(run).status());
    assertEquals(List.of("run 1 started", "queued start/1", "started start/1#0",
        "ended start/1#0 SUCCEEDED", "queued a/2", "queued b/3", "finished start",
        "started a/2#0", "started b/3#0", "ended b/3#0 SUCCEEDED", "finished b",
        "ended a/2#0 SUCCEEDED", "queued join/4", "finished a", "started join/4#0",
        "ended join/4#0 SUCCEEDED", "queued end/5", "finished join", "started end/5#0",
        "ended end/5#0 SUCCEEDED", "finished end", "run succeeded"), recorder.events());
  }

  @Test
  void aStepIsFinishedOnlyWhenTheStepsBeforeItAre() throws Exception {
    FlowRunner r = runner(Body.class, 16);
    CompletableFuture<RunMeta> run = async(() -> r.run(Map.of(), "test"));
    backend.succeed(backend.next(), 2);
    List<Launched> squares = backend.next(2);
    backend.succeed(squares.get(0));
    backend.succeed(backend.next()); // plusOne of the first split: none of its step is left...
    backend.succeed(squares.get(1)); // ...but square had a task still running
    backend.succeed(backend.next());
    backend.succeed(backend.next());
    backend.succeed(backend.next());
    assertEquals(RunStatus.SUCCEEDED, done(run).status());
    List<String> events = recorder.events();
    assertEquals(List.of("ended plusOne/4#0 SUCCEEDED", "ended square/3#0 SUCCEEDED",
        "queued plusOne/5", "finished square", "started plusOne/5#0",
        "ended plusOne/5#0 SUCCEEDED", "queued join/6", "finished plusOne"),
        events.subList(events.indexOf("started plusOne/4#0") + 1,
            events.indexOf("started join/6#0")));
  }

  @Test
  void noMoreThanMaxWorkersTasksRunAtOnce() throws Exception {
    FlowRunner r = runner(Fan.class, 2);
    CompletableFuture<RunMeta> run = async(() -> r.run(Map.of(), "test"));
    backend.succeed(backend.next(), 3);
    List<Launched> two = backend.next(2);
    backend.succeed(two.get(1));
    Launched third = backend.next();
    assertEquals("square/4#0", third.name());
    backend.succeed(two.get(0));
    backend.succeed(third);
    backend.succeed(backend.next());
    backend.succeed(backend.next());
    done(run);
    List<String> squares = recorder.events().stream()
        .filter(e -> e.matches("(started|ended) square.*")).toList();
    assertEquals(List.of("started square/2#0", "started square/3#0", "ended square/3#0 SUCCEEDED",
        "started square/4#0", "ended square/2#0 SUCCEEDED", "ended square/4#0 SUCCEEDED"),
        squares);
  }

  @Test
  void aFailedAttemptIsRetriedAndTheStepFinishesAfterTheRetry() throws Exception {
    FlowRunner r = runner(Flaky.class, 16);
    CompletableFuture<RunMeta> run = async(() -> r.run(Map.of(), "test"));
    backend.succeed(backend.next(), 2);
    List<Launched> squares = backend.next(2);
    backend.fail(squares.get(0), "boom");
    Launched retry = backend.next(); // at once: no delay between retries
    assertEquals("square/2#1", retry.name());
    backend.succeed(squares.get(1));
    backend.succeed(retry);
    backend.succeed(backend.next());
    backend.succeed(backend.next());
    assertEquals(RunStatus.SUCCEEDED, done(run).status());
    List<String> events = recorder.events();
    assertEquals(List.of("ended square/2#0 FAILED (boom)", "retry square/2#1 of 2",
        "started square/2#1", "ended square/3#0 SUCCEEDED", "ended square/2#1 SUCCEEDED",
        "queued join/4", "finished square"),
        events.subList(events.indexOf("started square/3#0") + 1,
            events.indexOf("started join/4#0")));
  }

  @Test
  void aCaughtFailureLetsTheFlowGoOnWithTheFailureAsAnArtifact() throws Exception {
    FlowRunner r = runner(Caught.class, 16);
    CompletableFuture<RunMeta> run = async(() -> r.run(Map.of(), "test"));
    backend.succeed(backend.next());
    backend.fail(backend.next(), "no good");
    Launched end = backend.next();
    assertEquals("end/3#0", end.name());
    backend.succeed(end);
    assertEquals(RunStatus.SUCCEEDED, done(run).status());
    List<String> events = recorder.events();
    assertEquals(List.of("ended risky/2#0 FAILED (no good)", "caught risky/2", "queued end/3",
        "finished risky", "started end/3#0"),
        events.subList(events.indexOf("started risky/2#0") + 1,
            events.indexOf("ended end/3#0 SUCCEEDED")));
    assertNotNull(ds.result(1, "risky", 2).artifacts().get("failure"));
    assertEquals(TaskStatus.CAUGHT, ds.task(1, "risky", 2).status());
  }

  @Test
  void aFailureEndsTheTasksStillRunningAndTheRun() throws Exception {
    FlowRunner r = runner(Fan.class, 16);
    CompletableFuture<RunMeta> run = async(() -> r.run(Map.of(), "test"));
    backend.succeed(backend.next(), 3);
    List<Launched> squares = backend.next(3);
    backend.fail(squares.get(1), "boom");
    assertEquals(RunStatus.FAILED, done(run).status());
    List<String> events = recorder.events();
    assertEquals(List.of("ended square/3#0 FAILED (boom)", "ended square/2#0 KILLED (killed)",
        "ended square/4#0 KILLED (killed)", "run failed"),
        events.subList(events.indexOf("started square/4#0") + 1, events.size()));
  }

  @Test
  void resumeReusesWhatSucceededBeforeRunningTheRest() throws Exception {
    FlowRunner first = runner(Fan.class, 16);
    CompletableFuture<RunMeta> run = async(() -> first.run(Map.of(), "test"));
    backend.succeed(backend.next(), 3);
    List<Launched> squares = backend.next(3);
    backend.succeed(squares.get(0));
    backend.succeed(squares.get(1));
    backend.fail(squares.get(2), "boom");
    assertEquals(RunStatus.FAILED, done(run).status());
    recorder.events.clear();

    FlowRunner again = runner(Fan.class, 16);
    CompletableFuture<RunMeta> resumed = async(() -> again.resume(1, null, "test"));
    Launched rerun = backend.next();
    assertEquals("square/4#0", rerun.name(), "only the failed split runs again");
    backend.succeed(rerun);
    backend.succeed(backend.next());
    backend.succeed(backend.next());
    assertEquals(RunStatus.SUCCEEDED, done(resumed).status());
    assertEquals(List.of("run 2 started from 1", "queued start/1", "started start/1#0",
        "ended start/1#0 REUSED", "fanned start -> square x3", "queued square/2",
        "queued square/3", "queued square/4", "finished start",
        "started square/2#0", "started square/3#0", "started square/4#0",
        "ended square/2#0 REUSED", "ended square/3#0 REUSED", "ended square/4#0 SUCCEEDED",
        "queued join/5", "finished square", "started join/5#0", "ended join/5#0 SUCCEEDED",
        "queued end/6", "finished join", "started end/6#0", "ended end/6#0 SUCCEEDED",
        "finished end", "run succeeded"), recorder.events());
    // a reused task is recorded as succeeded, naming the task it reused; one run again is not
    assertEquals(TaskStatus.SUCCEEDED, ds.task(2, "square", 3).status());
    assertEquals("1/square/3", ds.task(2, "square", 3).origin());
    assertNull(ds.task(2, "square", 4).origin());
    assertNull(ds.task(2, "square", 4).error());
  }
}
