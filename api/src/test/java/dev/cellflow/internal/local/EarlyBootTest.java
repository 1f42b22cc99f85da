package dev.cellflow.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Resources;
import dev.cellflow.Step;
import dev.cellflow.internal.runtime.FlowRunner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run's first task process, booted as the command line is read, through the start step's
 * backend provider ({@code ComputeBackendProvider.bootEarly}): a real process, for the heap the
 * start step asks for, and none where the step runs elsewhere.
 */
class EarlyBootTest {
  private static final String CLASSPATH = System.getProperty("java.class.path");

  /** A flow whose start step asks for a heap of its own. */
  public static class Sized extends FlowSpec {
    @Resources(memory = 700)
    @Step
    public void start() {
      next(this::end);
    }

    @Step
    public void end() {}
  }

  /** A process that another test's run left untaken would stand in for the one a test boots. */
  @BeforeEach
  @AfterEach
  void noneLeftWaiting() {
    EarlyWorker left = EarlyWorker.take(CLASSPATH);
    if (left != null) {
      left.worker().kill();
    }
  }

  @Test
  void aLocalStartStepsProcessBootsWithItsHeapAndEndsWhenRetired() throws Exception {
    FlowRunner.bootEarly(Sized.class, List.of("resources:memory=900"));
    EarlyWorker early = EarlyWorker.take(CLASSPATH);
    assertNotNull(early, "the local backend's provider booted the start step's process");
    assertEquals(900, early.worker().heapMb(), "--with resources wins over @Resources");
    assertTrue(early.worker().alive());
    early.worker().retire();
    assertTrue(early.worker().process().waitFor(60, TimeUnit.SECONDS), "it ends when retired");
    assertNull(EarlyWorker.take(CLASSPATH), "taken once");
  }

  @Test
  void aStartStepOnAnotherBackendBootsNothingHere() {
    // no batch provider on this module's class path: nothing boots, and nothing fails yet (the
    // run says that the backend is missing)
    FlowRunner.bootEarly(Sized.class, List.of("batch"));
    assertNull(EarlyWorker.take(CLASSPATH));
  }

  @Test
  void aBadWithBootsNothingAndLeavesTheErrorToTheRun() {
    FlowRunner.bootEarly(Sized.class, List.of("resources:memory=-5"));
    assertNull(EarlyWorker.take(CLASSPATH));
  }
}
