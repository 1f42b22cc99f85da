package dev.cellflow.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A flow's command line started as a user starts it, {@code java -cp CP MyFlow ARGS}: the
 * flow's own {@code main} in a new JVM, in folder {@code dir}, with no config file (not this
 * machine's user's) unless {@code env} names one, the environment changed by {@code env} (a
 * null value removes the variable).
 *
 * @param exit the exit code
 * @param output stdout and stderr, interleaved
 */
public record UserCommand(int exit, String output) {
  /** Runs {@code flow ARGS} with class path {@code cp} and waits for it (at most 2 minutes). */
  public static UserCommand run(String cp, Path dir, Map<String, String> env, Class<?> flow,
      String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
        flow.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("CELLFLOW_CONFIG", dir.resolve("no-such-config.json").toString());
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 2 minutes: " + cmd + "\n" + out);
    }
    return new UserCommand(p.exitValue(), out);
  }

  /**
   * Asserts that the command failed as bad input must: a non-zero exit, and exactly one line of
   * output, an {@code error:} line that contains each of {@code names}, with no stack trace.
   */
  public void assertOneErrorLine(String... names) {
    assertNotEquals(0, exit, "exit code 0 for bad input:\n" + output);
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), "one line, not:\n" + output);
    String line = lines.get(0);
    assertTrue(line.startsWith("error: "), line);
    assertFalse(line.matches(".*(\\tat |Exception in thread|\\.java:\\d+\\)).*"), line);
    for (String name : names) {
      assertTrue(line.contains(name), "'" + name + "' not named in: " + line);
    }
  }
}
