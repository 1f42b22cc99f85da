package dev.cellflow.internal.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cellflow.CellflowException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live lines and the output written around them, byte for byte. */
class TerminalTest {
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final PrintStream raw = new PrintStream(screen, true, StandardCharsets.UTF_8);

  private String screen() {
    return screen.toString(StandardCharsets.UTF_8).replace("\033", "<ESC>").replace("\r", "<CR>");
  }

  @Test
  void outputIsWrittenWholeAboveTheLiveLinesWhichAreErasedAndDrawnAgain() {
    Terminal t = new Terminal(raw, raw, true);
    PrintStream out = t.stream(false);
    PrintStream err = t.stream(true);
    t.show(List.of("a: 1/2 done", "b: 0/1 done"));
    out.print("[1/a/2 (pid 7)] half");
    assertEquals("a: 1/2 done\nb: 0/1 done", screen(), "a line's start waits for its end");
    out.println(" and the rest");
    err.println("oops");
    assertEquals("a: 1/2 done\nb: 0/1 done"
        + "<CR><ESC>[1A<ESC>[J[1/a/2 (pid 7)] half and the rest\na: 1/2 done\nb: 0/1 done"
        + "<CR><ESC>[1A<ESC>[Joops\na: 1/2 done\nb: 0/1 done", screen());
    t.set(List.of("b: 1/1 done"));
    out.println("b's summary");
    t.show(List.of());
    assertEquals("a: 1/2 done\nb: 0/1 done"
        + "<CR><ESC>[1A<ESC>[J[1/a/2 (pid 7)] half and the rest\na: 1/2 done\nb: 0/1 done"
        + "<CR><ESC>[1A<ESC>[Joops\na: 1/2 done\nb: 0/1 done"
        + "<CR><ESC>[1A<ESC>[Jb's summary\nb: 1/1 done<CR><ESC>[J", screen());
  }

  @Test
  void aLiveLineIsCutToTheTerminalsWidth() {
    Terminal t = new Terminal(raw, raw, true);
    t.show(List.of("x".repeat(200)));
    assertEquals("x".repeat(76) + "...", screen());
  }

  @Test
  void theLiveLineShowsTheCountsAndTheSummaryTheTotals() {
    Tally.Counts c = new Tally.Counts("square", 1000, 1000, 640, 16, 0, 2, 0, true, 0, 0);
    assertEquals(List.of("square: 640/1000 done, 16 running, 0 failed, 4.1 s"),
        LiveLine.lines(List.of(c), 4140));
    Tally.Counts end = new Tally.Counts("square", 1000, 1000, 1000, 0, 1, 2, 1, true, 0, 4100);
    assertEquals("square: 1000 tasks done in 4.1 s (1 failed, 2 retried, 1 caught)",
        RunLines.summary(end));
  }

  @Test
  void quietWinsThenTheSettingThenTheTerminal() {
    assertEquals(Console.Mode.QUIET, Console.mode(true, "live", "xterm", true));
    assertEquals(Console.Mode.LIVE, Console.mode(false, "auto", "xterm", true));
    assertEquals(Console.Mode.PLAIN, Console.mode(false, "auto", "xterm", false));
    assertEquals(Console.Mode.PLAIN, Console.mode(false, "auto", "dumb", true));
    assertEquals(Console.Mode.LIVE, Console.mode(false, "live", null, false));
    assertEquals(Console.Mode.PLAIN, Console.mode(false, "plain", "xterm", true));
    CellflowException e = assertThrows(CellflowException.class,
        () -> Console.mode(false, "fancy", "xterm", true));
    assertEquals("CELLFLOW_PROGRESS is 'fancy'; use auto (live lines on a terminal, the"
        + " default), live or plain", e.getMessage());
  }
}
