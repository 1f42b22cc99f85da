package dev.cellflow.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class NeedsTest {
  @Test
  void aMissingToolFailsTheTestInCiNamingTheTool() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () ->
        Needs.tool(false, "moto_server", "pip install 'moto[server]'", Map.of("CI", "true")));
    assertEquals("CI=true and moto_server is missing: pip install 'moto[server]'"
        + " (a CI build may not skip this test)", e.getMessage());
  }

  @Test
  void aMissingToolSkipsTheTestOnADevelopersMachineSayingWhy() {
    TestAbortedException e = assertThrows(TestAbortedException.class, () ->
        Needs.tool(false, "moto_server", "pip install 'moto[server]'", Map.of()));
    assertTrue(e.getMessage().contains("skipped: moto_server is missing: pip install"),
        e.getMessage());
    assertThrows(TestAbortedException.class, () ->
        Needs.tool(false, "moto_server", "x", Map.of("CI", "false")));
  }

  @Test
  void aPresentToolRunsTheTestInCiAndOut() {
    assertDoesNotThrow(() -> Needs.tool(true, "python3", "x", Map.of("CI", "true")));
    assertDoesNotThrow(() -> Needs.tool(true, "python3", "x", Map.of()));
  }

  @Test
  void ciIsTrueOrOneAsCiServicesSetIt() {
    assertTrue(Needs.inCi(Map.of("CI", "true")));
    assertTrue(Needs.inCi(Map.of("CI", "TRUE")));
    assertTrue(Needs.inCi(Map.of("CI", "1")));
    assertFalse(Needs.inCi(Map.of("CI", "")));
    assertFalse(Needs.inCi(Map.of()));
  }

  @Test
  void anOptInSkipsEvenInCi() {
    TestAbortedException e = assertThrows(TestAbortedException.class,
        () -> Needs.optIn(false, "set CELLFLOW_AWS_SMOKE_ROOT"));
    assertEquals("Assumption failed: skipped: set CELLFLOW_AWS_SMOKE_ROOT", e.getMessage());
  }
}
