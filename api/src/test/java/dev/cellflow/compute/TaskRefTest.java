package dev.cellflow.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskRefTest {

  @Test
  void writtenStepSlashIdAndReadBack() {
    TaskRef ref = new TaskRef("square", 3);
    assertEquals("square/3", ref.toString());
    assertEquals(ref, TaskRef.parse("square/3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"square", "square/", "/3", "square/three", ""})
  void aMalformedRefSaysHowItIsWritten(String bad) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskRef.parse(bad));
    assertEquals("a parent task is written STEP/ID (square/3), not '" + bad + "'",
        e.getMessage());
  }

  @Test
  void taskArgumentsWithAMalformedParentAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskSpec.fromArgs(List.of("F", "join", "1", "4", "--datastore-root", "/r",
            "--parents", "a/1,b")));
    assertEquals("a parent task is written STEP/ID (square/3), not 'b'", e.getMessage());
  }
}
