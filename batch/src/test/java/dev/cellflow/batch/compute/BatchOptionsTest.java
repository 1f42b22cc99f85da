package dev.cellflow.batch.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchOptionsTest {
  private static final Config NONE = Config.of(Map.of("CELLFLOW_CONFIG", "/nonexistent.json"));

  @Test
  void withNothingGivenTheImageIsAJreOfThisJavaAndTheQueueIsLeftToDiscovery() {
    BatchOptions o = BatchOptions.of(Map.of(), NONE, "test");
    assertEquals("eclipse-temurin:" + Runtime.version().feature() + "-jre", o.image());
    assertNull(o.queue());
    assertNull(o.iamRole());
    assertEquals(60, o.swappiness());
  }

  @Test
  void configurationFillsWhatTheStepDoesNotSay() {
    Config c = Config.of(Map.of("CELLFLOW_CONFIG", "/nonexistent.json",
        "CELLFLOW_BATCH_QUEUE", "from-env", "CELLFLOW_BATCH_IAM_ROLE", "arn:aws:iam::1:role/r"));
    assertEquals("from-env", BatchOptions.of(Map.of(), c, "test").queue());
    assertEquals("given", BatchOptions.of(Map.of("queue", "given"), c, "test").queue());
    assertEquals("arn:aws:iam::1:role/r", BatchOptions.of(Map.of(), c, "test").iamRole());
  }

  @Test
  void valuesAreReadAsJsonThenNumberThenString() {
    BatchOptions o = BatchOptions.of(Map.of("image", "\"ubuntu:latest\"", "sharedMemory", "256",
        "maxSwap", " 1024 ", "queue", "q-1", "tags", "{\"team\":\"ml\",\"cost\":7}"), NONE,
        "test");
    assertEquals("ubuntu:latest", o.image());
    assertEquals(256, o.sharedMemory());
    assertEquals(1024, o.maxSwap());
    assertEquals("q-1", o.queue());
    assertEquals(Map.of("team", "ml", "cost", "7"), o.tags());
    assertEquals(Map.of("a", "1", "b", "2"),
        BatchOptions.of(Map.of("tags", "a=1;b=2"), NONE, "test").tags());
  }

  @Test
  void aBadValueNamesItsSourceKeyAndRange() {
    String m = assertThrows(CellflowException.class, () -> BatchOptions.of(
        Map.of("swappiness", "200"), NONE, "step 'train'")).getMessage();
    assertEquals("step 'train': swappiness=200 is out of range; give 0 to 100", m);
    m = assertThrows(CellflowException.class, () -> BatchOptions.of(
        Map.of("sharedMemory", "lots"), NONE, "step 'train'")).getMessage();
    assertTrue(m.contains("sharedMemory=lots is not a whole number"), m);
  }
}
