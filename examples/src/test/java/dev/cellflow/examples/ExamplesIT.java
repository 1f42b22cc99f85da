package dev.cellflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example jar run as a user runs it, and the README's examples checked against it. */
class ExamplesIT {
  private static final Path JAR = Path.of("target", "cellflow-examples.jar");
  private static final Path README = Path.of("..", "README.md");

  @TempDir Path dir;

  private String[] run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
    return new String[] {Integer.toString(p.exitValue()), out};
  }

  @Test
  void theBenchRefusesAGroupItDoesNotHave() throws Exception {
    String[] r = run("-cp", JAR.toAbsolutePath().toString(),
        "dev.cellflow.examples.bench.Benchmarks", "bigsum", "bigsun");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("no benchmark group 'bigsun'"), r[1]);
    assertTrue(r[1].contains("cold, startup, foreach, bigsum, foreach10k, join, artifacts, json, s3, batch"), r[1]);
    assertFalse(r[1].contains("BigSum 20000x20000"), "nothing ran:\n" + r[1]);
  }

  @Test
  void bigSumPrintsBothSumsAndTheyAgree() throws Exception {
    String[] r = run("-jar", JAR.toAbsolutePath().toString(), "run", "--size", "3000",
        "--chunk", "700");
    assertEquals("0", r[0], r[1]);
    double serial = number(r[1], "The sum is ([0-9.]+)\\.");
    double parallel = number(r[1], "The sum with parallelMap is ([0-9.]+)\\.");
    // 9e6 uniform values in [0, 1): the mean is 0.5, so the sum is near 4.5e6
    assertEquals(4.5e6, serial, 2e4);
    assertEquals(serial, parallel, 1e-6 * serial);
    assertTrue(r[1].matches("(?s).*Computing it took \\d+ms\\..*"), r[1]);
    assertTrue(Files.isDirectory(dir.resolve(".cellflow/BigSum/1")), "the default datastore");
  }

  @Test
  void theSeedsBigSumFailsBeforeItStartsWhereTheMemoryIsNot() throws Exception {
    String[] r = run("-jar", JAR.toAbsolutePath().toString(), "run", "--size", "80000",
        "--with", "resources:memory=60000");
    // a machine with 60 GB would run it; this test is about the machines that have less
    long mb = ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize() >> 20;
    dev.cellflow.testing.Needs.optIn(mb < 60000, "this machine has 60 GB: it would run BigSum");
    assertEquals("1", r[0], r[1]);
    assertTrue(r[1].contains("step 'start' asks for 60000 MB of memory"), r[1]);
    assertTrue(r[1].contains("this machine has " + mb + " MB"), r[1]);
    assertTrue(r[1].contains("--with batch"), r[1]);
    assertFalse(r[1].contains("OutOfMemoryError"), r[1]);
    assertFalse(r[1].contains("The sum is"), r[1]);
  }

  @Test
  void theReadmesJavaExamplesAreTheCompiledOnes() throws Exception {
    String readme = Files.readString(README);
    for (String name : new String[] {"Hello", "LatestSum"}) {
      String source = Files.readString(
          Path.of("src/main/java/dev/cellflow/examples/" + name + ".java"));
      assertTrue(readme.contains("```java\n" + source + "```"),
          "README's " + name + " is examples/.../" + name + ".java verbatim");
    }
  }

  @Test
  void theReadmesClientExampleReadsTheLatestBigSum() throws Exception {
    String[] run = run("-jar", JAR.toAbsolutePath().toString(), "run", "--size", "500");
    assertEquals("0", run[0], run[1]);
    double sum = number(run[1], "The sum is ([0-9.]+)\\.");
    String[] r = run("-cp", JAR.toAbsolutePath().toString(), "dev.cellflow.examples.LatestSum");
    assertEquals("0", r[0], r[1]);
    assertEquals(String.format("Run 1 of BigSum found the sum %f.%n", sum), r[1]);
  }

  @Test
  void theReadmesHelloOutputIsWhatItPrints() throws Exception {
    String readme = Files.readString(README);
    Matcher block = Pattern.compile("```text\n\\$ java -cp (\\S+) (\\S+) (.*)\n((?:[^`].*\n)+)```")
        .matcher(readme);
    assertTrue(block.find(), "README has the Hello run");
    List<String> args = new ArrayList<>(List.of("-cp", JAR.toAbsolutePath().toString(),
        block.group(2)));
    args.addAll(List.of(block.group(3).split(" ")));
    String[] r = run(args.toArray(String[]::new));
    assertEquals("0", r[0], r[1]);
    assertPrinted(block.group(4), r[1]);
  }

  @Test
  void theReadmesScriptRunsAsShown() throws Exception {
    Path script = Path.of("scripts", "Squares.jsh");
    String readme = Files.readString(README);
    assertTrue(readme.contains("```jshell\n" + Files.readString(script) + "```"),
        "README's script is examples/scripts/Squares.jsh verbatim");
    Matcher block = Pattern.compile("```text\n\\$ bin/cellflow run \\S+\n((?:[^`].*\n)+)```")
        .matcher(readme);
    assertTrue(block.find(), "README has the script's run");
    String[] r = run("-cp", JAR.toAbsolutePath().toString(), "dev.cellflow.internal.launcher.Launcher",
        "run", script.toAbsolutePath().toString());
    assertEquals("0", r[0], r[1]);
    assertPrinted(block.group(1), r[1]);
  }

  /** Each line of a README output block is in {@code out}; pids, paths, times may differ. */
  private static void assertPrinted(String block, String out) {
    for (String line : block.split("\n")) {
      String regex = Pattern.quote(line)
          .replaceAll("pid \\d+", "pid \\\\E\\\\d+\\\\Q")
          .replaceAll("datastore [^)]+", "datastore \\\\E.+\\\\Q")
          .replaceAll("in [0-9.]+ s", "in \\\\E[0-9.]+\\\\Q s");
      assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(out).find(),
          "README line '" + line + "' not in:\n" + out);
    }
  }

  private static double number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertTrue(m.find(), "no '" + regex + "' in:\n" + out);
    return Double.parseDouble(m.group(1));
  }
}
