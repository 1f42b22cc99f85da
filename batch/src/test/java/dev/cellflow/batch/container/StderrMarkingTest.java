package dev.cellflow.batch.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StderrMarkingTest {
  @Test
  void everyLineStartsWithTheMarkHoweverItIsWritten() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(new StderrMarking(bytes), true, StandardCharsets.UTF_8);
    err.print("java.lang.IllegalStateException: no data\n\tat F.train(F.java:3)\n");
    err.print("par");
    err.print("tial");
    err.println();
    err.write('x');
    err.println();
    assertEquals("[stderr] java.lang.IllegalStateException: no data\n"
        + "[stderr] \tat F.train(F.java:3)\n[stderr] partial\n[stderr] x\n",
        bytes.toString(StandardCharsets.UTF_8));
  }
}
