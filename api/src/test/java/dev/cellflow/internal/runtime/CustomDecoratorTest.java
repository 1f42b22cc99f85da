package dev.cellflow.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cellflow.FlowSpec;
import dev.cellflow.RunStatus;
import dev.cellflow.Step;
import dev.cellflow.TaskStatus;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.GraphBuilder;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.runtime.FakeBackend.Launched;
import dev.cellflow.internal.runtime.LenientDecorator.Lenient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decorator added through the SPI alone ({@link LenientDecorator}) plans its steps and
 * decides about their failed attempts, from its annotation and from {@code --with}, without the
 * runtime knowing it.
 */
class CustomDecoratorTest {
  @TempDir Path root;

  /** A step that fails, marked with the custom decorator's annotation. */
  public static class Shaky extends FlowSpec {
    @Step public void start() {
      next(this::risky);
    }

    @Lenient(seconds = 7)
    @Step public void risky() {
      next(this::end);
    }

    @Step public void end() {}
  }

  private final FlowRunnerTest.Recorder recorder = new FlowRunnerTest.Recorder();
  private FakeBackend backend;
  private FlowDatastore ds;

  private FlowRunner runner(List<String> withs) {
    FlowGraph graph = GraphBuilder.build(Shaky.class);
    ds = new FlowDatastore(new LocalStorage(root), graph.flowName());
    backend = new FakeBackend(ds, graph);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    return new FlowRunner(Shaky.class, graph, ds, new FlowRunner.Options(4, 100, "local",
        root.toString(), List.of(), withs, quiet, quiet, true, recorder)).onBackend(backend);
  }

  @Test
  void itsAnnotationPlansTheStepAndItsHookRetriesThenPassesTheFailure() throws Exception {
    FlowRunner r = runner(List.of());
    assertEquals(7, r.plans().get("risky").timeoutSeconds());
    assertEquals(0, r.plans().get("start").timeoutSeconds());

    CompletableFuture<RunMeta> run = CompletableFuture.supplyAsync(() -> {
      try {
        return r.run(Map.of(), "test");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    backend.succeed(backend.next());
    Launched first = backend.next();
    assertEquals(7, first.launch().timeoutSeconds(), "the plan's timeout reaches the backend");
    backend.fail(first, "boom");
    Launched again = backend.next();
    assertEquals("risky/2#1", again.name());
    backend.fail(again, "boom again");
    backend.succeed(backend.next());
    assertEquals(RunStatus.SUCCEEDED, run.get(30, TimeUnit.SECONDS).status());

    List<String> events = recorder.events();
    assertEquals(List.of("ended risky/2#0 FAILED (boom)", "retry risky/2#1 of 2",
        "started risky/2#1", "ended risky/2#1 FAILED (boom again)", "caught risky/2"),
        events.subList(events.indexOf("started risky/2#0") + 1,
            events.indexOf("queued end/3")));
    assertEquals("1/risky/2: boom again", ds.getArtifact(
        ds.result(1, "risky", 2).artifacts().get("excuse"), getClass().getClassLoader()));
    assertEquals(TaskStatus.CAUGHT, ds.task(1, "risky", 2).status());
  }

  @Test
  void withAppliesItToEveryStepAndTheCodesOwnAnnotationWins() {
    FlowRunner r = runner(List.of("lenient:seconds=9"));
    assertEquals(9, r.plans().get("start").timeoutSeconds());
    assertEquals(9, r.plans().get("end").timeoutSeconds());
    assertEquals(7, r.plans().get("risky").timeoutSeconds());
  }
}
