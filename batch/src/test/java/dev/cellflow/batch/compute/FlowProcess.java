package dev.cellflow.batch.compute;

import dev.cellflow.batch.emulator.MotoBatch;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A flow's command line run as a user runs it: a new JVM with the module's runtime classpath
 * (what a user's run would upload), against the emulator. Its output is collected as it comes.
 */
final class FlowProcess {
  final Process process;
  private final StringBuffer output = new StringBuffer();
  private final Thread reader;

  private FlowProcess(Process p) {
    this.process = p;
    this.reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          output.append(line).append('\n');
        }
      } catch (java.io.IOException e) {
        output.append("[reader: ").append(e).append("]\n");
      }
    });
    reader.start();
  }

  /** The classpath of the module's main and test classes and its runtime dependencies. */
  static String classpath() throws Exception {
    Path deps = Path.of("target", "runtime-classpath.txt");
    return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
        + Path.of("target", "test-classes").toAbsolutePath() + java.io.File.pathSeparator
        + Files.readString(deps).trim();
  }

  /** Starts {@code flow} with {@code args} against the emulator. */
  static FlowProcess start(Class<?> flow, String... args) throws Exception {
    return start(MotoBatch.processEnv(), flow, args);
  }

  /** Starts {@code flow} with {@code args} and {@code env} added to this process's. */
  static FlowProcess start(java.util.Map<String, String> env, Class<?> flow, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath(), flow.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    return new FlowProcess(pb.start());
  }

  /** Runs {@code flow} to its end; returns its exit code and output. */
  static Result run(Class<?> flow, String... args) throws Exception {
    FlowProcess p = start(flow, args);
    return p.waitFor(180);
  }

  /** Waits for the end. */
  Result waitFor(int seconds) throws Exception {
    assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "still running: " + output);
    reader.join(10_000);
    return new Result(process.exitValue(), output.toString());
  }

  /** The output so far. */
  String output() {
    return output.toString();
  }

  /** Waits until the output contains {@code text}; false if it has not after {@code seconds}. */
  boolean awaitOutput(String text, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (output.indexOf(text) >= 0) {
        return true;
      }
      if (!process.isAlive()) {
        Thread.sleep(200); // let the reader catch up
        return output.indexOf(text) >= 0;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** A finished process. */
  record Result(int exit, String out) {}
}
