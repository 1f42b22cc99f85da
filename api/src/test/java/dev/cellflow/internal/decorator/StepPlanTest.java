package dev.cellflow.internal.decorator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cellflow.Batch;
import dev.cellflow.Catch;
import dev.cellflow.CellflowException;
import dev.cellflow.Parallel;
import dev.cellflow.Resources;
import dev.cellflow.compute.StepResources;
import dev.cellflow.Retry;
import dev.cellflow.StepFailure;
import dev.cellflow.Timeout;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepPlanTest {

  /** Step methods carrying the annotations under test; StepPlan reads annotations only. */
  public static class Steps {
    public void plain() {}

    @Resources(cpu = -1) public void negativeCpu() {}

    @Resources(memory = -5) public void negativeMemory() {}

    @Resources(gpu = -1) public void negativeGpu() {}

    @Resources(cpu = 8, memory = 16000) public void big() {}

    @Batch(cpu = 4, memory = 2000, gpu = 1) public void onBatch() {}

    @Batch(cpu = 4, memory = 2000) @Resources(cpu = 2, memory = 8000) public void both() {}

    @Batch(cpu = -2) public void badBatch() {}

    @Batch(memory = 1024) public void smallBatch() {}

    @Batch(memory = 1024) @Resources(cpu = 4) public void smallBatchManyCores() {}

    @Batch(memory = 1024) @Resources(memory = 8000) public void resourcesAskMore() {}

    @Batch(queue = "gpu-queue", tags = {"team=ml", "cost=1"}) public void queued() {}

    @Parallel(nodes = 4) public void multiNode() {}

    @Parallel(nodes = 1) @Batch public void oneNode() {}

    @Retry(times = 2, minutesBetweenRetries = 1) public void retried() {}

    @Retry(times = 5) public void tooManyRetries() {}

    @Catch(var = "failure") @Retry(times = 1, minutesBetweenRetries = 0) public void caught() {}

    @Catch public void caughtNowhere() {}

    @Timeout(seconds = 5, minutes = 1) public void timed() {}

    @Timeout public void noTime() {}
  }

  private static Method step(String name) throws NoSuchMethodException {
    return Steps.class.getMethod(name);
  }

  private static StepPlan plan(String name, String... withs) throws NoSuchMethodException {
    return StepPlan.of(step(name), Arrays.stream(withs).map(WithSpec::parse).toList());
  }

  private static CellflowException fails(String name, String... withs) {
    return assertThrows(CellflowException.class, () -> plan(name, withs));
  }

  @Test
  void stepWithoutAnnotationsGetsTheDefaults() throws Exception {
    StepPlan p = plan("plain");

    assertEquals("plain", p.step());
    assertEquals("local", p.backend());
    assertEquals(new StepResources(1, 4000, 0), p.resources());
    assertEquals(StepResources.DEFAULT, p.resources());
  }

  @Test
  void negativeCpuNamesTheStepAndCpu() {
    String m = fails("negativeCpu").getMessage();
    assertTrue(m.contains("step 'negativeCpu'"), m);
    assertTrue(m.contains("@Resources"), m);
    assertTrue(m.contains("cpu"), m);
  }

  @Test
  void negativeMemoryIsRejected() {
    String m = fails("negativeMemory").getMessage();
    assertTrue(m.contains("step 'negativeMemory'"), m);
    assertTrue(m.contains("memory = -5"), m);
  }

  @Test
  void negativeGpuIsRejected() {
    String m = fails("negativeGpu").getMessage();
    assertTrue(m.contains("step 'negativeGpu'"), m);
    assertTrue(m.contains("gpu = -1"), m);
  }

  @Test
  void withResourcesRaisesMemory() throws Exception {
    StepPlan p = plan("plain", "resources:memory=8000");

    assertEquals(new StepResources(1, 8000, 0), p.resources());
    assertEquals("local", p.backend());
  }

  @Test
  void withResourcesDoesNotLowerABiggerAnnotation() throws Exception {
    StepPlan p = plan("big", "resources:memory=8000,cpu=2");

    assertEquals(new StepResources(8, 16000, 0), p.resources());
  }

  @Test
  void withResourcesTakesTheLargerValueOfEachKey() throws Exception {
    StepPlan p = plan("big", "resources:cpu=16,gpu=2");

    assertEquals(new StepResources(16, 16000, 2), p.resources());
  }

  @Test
  void withResourcesOutOfRangeNamesTheOption() {
    String m = fails("plain", "resources:cpu=0").getMessage();
    assertTrue(m.contains("step 'plain'"), m);
    assertTrue(m.contains("--with resources"), m);
  }

  @Test
  void unknownDecoratorListsTheKnownOnes() {
    String m = fails("plain", "foo").getMessage();
    assertTrue(m.contains("--with foo"), m);
    assertTrue(m.contains("resources, batch"), m);
  }

  @Test
  void unknownResourcesKeyIsNamed() {
    String m = fails("plain", "resources:disk=100").getMessage();
    assertTrue(m.contains("unknown key 'disk'"), m);
    assertTrue(m.contains("cpu") && m.contains("memory") && m.contains("gpu"), m);
  }

  @Test
  void nonNumericValueIsNamed() {
    String m = fails("plain", "resources:memory=lots").getMessage();
    assertTrue(m.contains("memory=lots"), m);
    assertTrue(m.contains("whole number"), m);
  }

  @Test
  void withBatchSelectsTheBatchBackend() throws Exception {
    StepPlan p = plan("plain", "batch");

    assertEquals("batch", p.backend());
    assertEquals(StepResources.DEFAULT, p.resources());
  }

  @Test
  void batchAnnotationSelectsBatchAndItsSizes() throws Exception {
    StepPlan p = plan("onBatch");

    assertEquals("batch", p.backend());
    assertEquals(new StepResources(4, 2000, 1), p.resources(), "@Batch's sizes, not raised to"
        + " @Resources' default 4000 MB");
  }

  @Test
  void aBatchSizeIsTheJobsUnlessAWrittenResourcesOrWithAsksForMore() throws Exception {
    assertEquals(new StepResources(1, 1024, 0), plan("smallBatch").resources());
    assertEquals(new StepResources(4, 1024, 0), plan("smallBatchManyCores").resources());
    assertEquals(new StepResources(1, 8000, 0), plan("resourcesAskMore").resources());
    assertEquals(new StepResources(2, 2000, 0),
        plan("smallBatch", "resources:memory=2000,cpu=2").resources());
    assertEquals(new StepResources(1, 1024, 0), plan("smallBatch", "resources:memory=512")
        .resources());
    assertEquals(new StepResources(1, 1024, 0), plan("plain", "batch:memory=1024").resources());
    assertEquals(new StepResources(1, 3000, 0),
        plan("plain", "batch:memory=1024", "resources:memory=3000").resources());
  }

  @Test
  void batchAndResourcesCombineByMaximum() throws Exception {
    StepPlan p = plan("both");

    assertEquals("batch", p.backend());
    assertEquals(new StepResources(4, 8000, 0), p.resources());
  }

  @Test
  void badBatchSizeNamesTheAnnotation() {
    String m = fails("badBatch").getMessage();
    assertTrue(m.contains("step 'badBatch'"), m);
    assertTrue(m.contains("@Batch"), m);
  }

  @Test
  void withBatchArgumentsSizeTheStepAndPassTheRestToTheBackend() throws Exception {
    StepPlan p = plan("big", "batch:cpu=4,memory=32000,queue=q1,image=ubuntu:latest");

    assertEquals("batch", p.backend());
    assertEquals(new StepResources(8, 32000, 0), p.resources());
    assertEquals(Map.of("queue", "q1", "image", "ubuntu:latest"), p.backendArgs());
  }

  @Test
  void theCodesBatchAnnotationWinsOverTheCommandLine() throws Exception {
    StepPlan p = plan("queued", "batch:queue=other,memory=64000");

    assertEquals(StepResources.DEFAULT, p.resources());
    assertEquals(Map.of("queue", "gpu-queue", "tags", "team=ml,cost=1"), p.backendArgs());
  }

  @Test
  void anUnknownBatchKeyListsTheValidOnes() {
    String m = fails("plain", "batch:cpus=4").getMessage();
    assertTrue(m.contains("unknown key 'cpus'"), m);
    assertTrue(m.contains("assignPublicIp, cpu, efa, efsVolumes, ephemeralStorage,"
        + " executionRole, fargatePlatformVersion, gpu, hostVolumes, iamRole, image, inferentia,"
        + " logDriver, logOptions, maxSwap, memory, privileged, queue, sharedMemory, swappiness,"
        + " tags, tmpfsPath, tmpfsSize, tmpfsTempdir, trainium, useTmpfs"), m);
  }

  @Test
  void aParallelStepIsAMultiNodeBatchJobAndNeedsBatch() throws Exception {
    assertEquals("step 'multiNode': @Parallel runs a step on several nodes of an AWS Batch"
        + " multi-node job; add @Batch to the step or run with --with batch",
        fails("multiNode").getMessage());
    assertEquals(Map.of("queue", "q", "numNodes", "4"),
        plan("multiNode", "batch:queue=q").backendArgs());
    assertEquals("step 'oneNode': @Parallel(nodes = 1) must be 2 or more",
        fails("oneNode").getMessage());
    assertTrue(fails("plain", "batch:numNodes=4").getMessage().contains("unknown key"
        + " 'numNodes'"), "nodes come from @Parallel only");
  }

  @Test
  void aBatchValueOfTheWrongTypeNamesTheKeyAndWhatItTakes() throws Exception {
    assertEquals("--with batch:efa=two: efa takes a whole number",
        fails("plain", "batch:efa=two").getMessage());
    assertEquals("--with batch:privileged=yes: privileged takes true or false",
        fails("plain", "batch:privileged=yes").getMessage());
    StepPlan p = plan("plain", "batch:hostVolumes=/data;/scratch:/s,useTmpfs=true");
    assertEquals(Map.of("hostVolumes", "/data;/scratch:/s", "useTmpfs", "true"),
        p.backendArgs());
  }

  @Test
  void withSpecParsesNameAndArguments() {
    WithSpec w = WithSpec.parse("batch:cpu=4, memory = 10000");

    assertEquals("batch", w.name());
    assertEquals(Map.of("cpu", "4", "memory", "10000"), w.args());
    assertEquals(4, w.intArg("cpu", 1));
    assertEquals(7, w.intArg("gpu", 7));
    assertEquals(List.of("cpu", "memory"), List.copyOf(w.args().keySet()));
    assertEquals(Map.of(), WithSpec.parse("batch").args());
  }

  @Test
  void withSpecRejectsMalformedText() {
    String noName = assertThrows(CellflowException.class, () -> WithSpec.parse(":cpu=1"))
        .getMessage();
    assertTrue(noName.contains("give a decorator name"), noName);
    String noValue = assertThrows(CellflowException.class,
        () -> WithSpec.parse("resources:memory")).getMessage();
    assertTrue(noValue.contains("'memory' is not key=value"), noValue);
  }

  private static FailedAttempt attempt(int n, boolean killed) {
    return new FailedAttempt("s", "1/s/2", n, "boom", killed);
  }

  @Test
  void retryRunsAFailedAttemptAgainWhileAttemptsAreLeftUnlessItWasKilled() throws Exception {
    StepPlan p = plan("retried");
    assertEquals(new Recovery.Retry(60, 3), p.recovery(attempt(0, false)));
    assertEquals(new Recovery.Retry(60, 3), p.recovery(attempt(1, false)));
    assertNull(p.recovery(attempt(2, false)), "the third attempt was the last");
    assertNull(p.recovery(attempt(0, true)), "a task ended on purpose is not retried");
    assertNull(plan("plain").recovery(attempt(0, false)));
    assertEquals("step 'tooManyRetries': @Retry(times = 5) must be 0 to 4",
        fails("tooManyRetries").getMessage());
  }

  @Test
  void catchPassesTheFailureOnOnlyAfterTheLastRetry() throws Exception {
    StepPlan p = plan("caught");
    assertEquals(new Recovery.Retry(0, 2), p.recovery(attempt(0, false)));
    assertEquals(new Recovery.Pass(Map.of("failure", new StepFailure("s", "1/s/2", 2, "boom"))),
        p.recovery(attempt(1, false)));
    assertEquals(new Recovery.Pass(Map.of()), plan("caughtNowhere").recovery(attempt(0, true)));
  }

  @Test
  void timeoutAddsItsPartsAndRefusesNone() throws Exception {
    assertEquals(65, plan("timed").timeoutSeconds());
    assertEquals(0, plan("plain").timeoutSeconds());
    assertTrue(fails("noTime").getMessage().startsWith("step 'noTime': @Timeout(seconds = 0,"),
        fails("noTime").getMessage());
  }
}
