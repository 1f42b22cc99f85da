package dev.cellflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the API finds its engine: the class the property names, else the service file's. */
class EnginesTest {
  @Test
  void theServiceFileNamesCellflowsEngine() {
    assertEquals("dev.cellflow.internal.cli.CliEngine", Engines.find(null).getClass().getName());
  }

  @Test
  void thePropertyNamesTheEngineToMake() {
    assertEquals(Quiet.class, Engines.find(Quiet.class.getName()).getClass());
  }

  @Test
  void aPropertyNamingNoEngineIsOneLineNamingTheOption() {
    CellflowException e = assertThrows(CellflowException.class,
        () -> Engines.find("java.lang.String"));
    assertTrue(e.getMessage().startsWith("-Ddev.cellflow.FlowEngine=java.lang.String names no"
        + " FlowEngine this class path can make"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void outsideAStepNextSaysWhereItMayBeCalled() {
    CellflowException e = assertThrows(CellflowException.class,
        () -> Engines.running("next(...)"));
    assertEquals("next(...) can only be called while cellflow runs a step (inside a @Step"
        + " method)", e.getMessage());
  }

  /** An engine that runs nothing. */
  public static final class Quiet implements FlowEngine {
    @Override
    public int main(Class<? extends FlowSpec> flow, String[] args) {
      return 0;
    }

    @Override
    public RunningStep running() {
      return null;
    }
  }
}
