package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Parameter;
import dev.cellflow.Retry;
import dev.cellflow.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one task leaves in its process does not reach the next attempt, run by the flow's main. */
class IsolationIT {
  @TempDir Path root;

  /** Counts its attempts in a static field; the first attempt (marked in a file) fails. */
  public static class StaticRetry extends FlowSpec {
    static int attemptsSeenHere;

    @Parameter(help = "a folder for the first attempt's mark") String dir = "";

    @Retry(times = 1, minutesBetweenRetries = 0)
    @Step public void start() throws Exception {
      attemptsSeenHere++;
      System.out.println("attempts seen by this process: " + attemptsSeenHere);
      Path mark = Path.of(dir, "failed-once");
      if (!Files.exists(mark)) {
        Files.createFile(mark);
        throw new IllegalStateException("first attempt fails");
      }
      next(this::end);
    }

    @Step public void end() { }

    public static void main(String[] args) {
      FlowSpec.main(StaticRetry.class, args);
    }
  }

  @Test
  void aRetryRunsInAnotherProcessThanItsFailedAttempt() throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), StaticRetry.class.getName(), "run",
        "--dir", root.toString(), "--datastore-root", root.resolve("store").toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    Matcher first = Pattern.compile("\\[1/start/1 \\(pid (\\d+)\\)\\] attempts seen by this"
        + " process: 1").matcher(out);
    Matcher retry = Pattern.compile("\\[1/start/1\\.1 \\(pid (\\d+)\\)\\] attempts seen by this"
        + " process: (\\d+)").matcher(out);
    assertTrue(first.find(), out);
    assertTrue(retry.find(), out);
    assertNotEquals(first.group(1), retry.group(1), "the retry ran where its attempt failed");
    assertEquals("1", retry.group(2), "the failed attempt's static field reached its retry");
  }
}
