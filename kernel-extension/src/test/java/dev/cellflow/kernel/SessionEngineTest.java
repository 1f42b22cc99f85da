package dev.cellflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SessionEngineTest {
  @Test
  void valuesAreDescribedBrieflyArraysByTheirFirstElements() {
    assertEquals("null", SessionEngine.BriefValues.brief(null));
    assertEquals("\"hi\"", SessionEngine.BriefValues.brief("hi"));
    assertEquals("42", SessionEngine.BriefValues.brief(42));
    assertEquals("int[3] { 1, 2, 3 }", SessionEngine.BriefValues.brief(new int[] {1, 2, 3}));
    assertEquals("double[12] { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ... }",
        SessionEngine.BriefValues.brief(new double[12]));
    assertEquals("double[][2] { double[5], null }",
        SessionEngine.BriefValues.brief(new double[][] {new double[5], null}));
  }
}
