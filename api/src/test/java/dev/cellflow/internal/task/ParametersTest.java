package dev.cellflow.internal.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.Parameter;
import dev.cellflow.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

  enum Color { RED, GREEN }

  public static class ParamFlow extends FlowSpec {
    @Parameter(help = "how many") int size = 10;
    @Parameter(name = "colour") Color color = Color.RED;
    @Parameter boolean verbose;
    String notAParameter = "x";

    @Step public void start() { next(this::end); }

    @Step public void end() {}
  }

  @Test
  void parsesSupportedTypes() {
    assertEquals(42, Parameters.parse(int.class, " 42 ", "size"));
    assertEquals(42, Parameters.parse(Integer.class, "42", "size"));
    assertEquals(5_000_000_000L, Parameters.parse(long.class, "5000000000", "n"));
    assertEquals(true, Parameters.parse(boolean.class, "TRUE", "verbose"));
    assertEquals(false, Parameters.parse(Boolean.class, "false", "verbose"));
    assertEquals(Color.GREEN, Parameters.parse(Color.class, "green", "colour"));
    assertEquals(2.5, Parameters.parse(double.class, "2.5", "alpha"));
    assertEquals("a b", Parameters.parse(String.class, "a b", "name"));
  }

  @Test
  void badIntNamesTheOptionAndTheType() {
    CellflowException e = assertThrows(CellflowException.class,
        () -> Parameters.parse(int.class, "abc", "size"));
    assertEquals("--size: 'abc' is not a valid int", e.getMessage());
    CellflowException boxed = assertThrows(CellflowException.class,
        () -> Parameters.parse(Integer.class, "abc", "size"));
    assertEquals("--size: 'abc' is not a valid int", boxed.getMessage());
  }

  @Test
  void badBooleanIsRejected() {
    CellflowException e = assertThrows(CellflowException.class,
        () -> Parameters.parse(boolean.class, "yes", "verbose"));
    assertEquals("--verbose: 'yes' is not a valid boolean", e.getMessage());
  }

  @Test
  void badEnumListsTheValues() {
    CellflowException e = assertThrows(CellflowException.class,
        () -> Parameters.parse(Color.class, "blue", "colour"));
    assertTrue(e.getMessage().startsWith("--colour: 'blue'"), e.getMessage());
    assertTrue(e.getMessage().contains("[RED, GREEN]"), e.getMessage());
  }

  @Test
  void unsupportedTypeIsNamed() {
    CellflowException e = assertThrows(CellflowException.class,
        () -> Parameters.parse(List.class, "x", "things"));
    assertTrue(e.getMessage().contains("parameter 'things' has type List"), e.getMessage());
    assertFalse(Parameters.supported(List.class));
    assertTrue(Parameters.supported(Color.class));
  }

  @Test
  void parametersOfAFlowAndApply() {
    List<Parameters.Param> ps = Parameters.of(ParamFlow.class);
    assertEquals(List.of("size", "colour", "verbose"),
        ps.stream().map(Parameters.Param::name).toList());
    assertEquals("how many", ps.get(0).help());

    ParamFlow f = new ParamFlow();
    Parameters.apply(f, Map.of("size", "3", "colour", "green"));

    assertEquals(3, f.size);
    assertEquals(Color.GREEN, f.color);
    assertFalse(f.verbose);
  }
}
