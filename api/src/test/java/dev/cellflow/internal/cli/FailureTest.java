package dev.cellflow.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FailureTest {
  private static String report(Throwable e) {
    StringWriter out = new StringWriter();
    assertEquals(1, Failure.report(e, new PrintWriter(out)));
    return out.toString();
  }

  @Test
  void ourErrorsAreTheirMessage() {
    assertEquals("error: --max-workers 0: give 1 or more\n",
        report(new CellflowException("--max-workers 0: give 1 or more")));
  }

  @Test
  void aFullDiskIsOneLineAndTheTraceIsInTheFileItNames() throws Exception {
    String line = report(new UncheckedIOException("cannot store artifact 'm' of 3/start/1",
        new IOException("No space left on device")));

    assertEquals(1, line.lines().count(), line);
    assertTrue(line.startsWith("error: UncheckedIOException: cannot store artifact 'm' of"
        + " 3/start/1; cause: IOException: No space left on device (details in "), line);
    Matcher m = Pattern.compile("details in (\\S+)\\)").matcher(line);
    assertTrue(m.find(), line);
    String trace = Files.readString(Path.of(m.group(1)));
    assertTrue(trace.contains("Caused by: java.io.IOException: No space left on device")
        && trace.contains("\tat dev.cellflow.internal.cli.FailureTest"), trace);
    Files.delete(Path.of(m.group(1)));
  }

  @Test
  void longAndMultiLineMessagesAreCutToOneLine() {
    String line = report(new IllegalStateException("x".repeat(1000) + "\nsecond line"));
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.contains("x".repeat(200) + "..."), line);
    Matcher m = Pattern.compile("details in (\\S+)\\)").matcher(line);
    assertTrue(m.find(), line);
    Path.of(m.group(1)).toFile().delete();
  }
}
