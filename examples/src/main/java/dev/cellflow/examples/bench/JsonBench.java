package dev.cellflow.examples.bench;

import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.Json;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.compute.SplitFrame;
import dev.cellflow.internal.metadata.TaskMeta;
import dev.cellflow.internal.metadata.TaskResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Metadata JSON: the run and task records through {@code RecordCodec} (Jackson's streaming
 * layer, what {@link Json#write}/{@link Json#read} use for them) beside Jackson's data binding
 * (one {@code ObjectMapper}), each in JVMs of its own, as every process of a run reads and writes
 * them. Per JVM: the CPU the process has used once its first records are written and read back
 * (JVM start included; a JVM that reads none is the baseline), then the CPU time per record,
 * warm. Each without and with a class-data archive of its own, as the runtime starts its JVMs.
 * Decides whether the second codec still buys anything (issue 17 item 9).
 */
final class JsonBench {
  private static final String[] MODES = {"none", "codec", "binding"};

  private JsonBench() {}

  /** The figures: medians of {@code repeat} JVMs per mode. */
  static void run(Path dir, String jar, int repeat) throws Exception {
    System.out.println("metadata JSON, RecordCodec / data binding:");
    for (boolean cds : new boolean[] {false, true}) {
      double[][] m = new double[MODES.length][];
      for (int i = 0; i < MODES.length; i++) {
        Path archive = dir.resolve("json-" + MODES[i] + ".jsa");
        if (cds) {
          child(jar, MODES[i], "-XX:ArchiveClassesAtExit=" + archive);
        }
        List<double[]> runs = new ArrayList<>();
        for (int r = 0; r < Math.max(repeat, 5); r++) {
          runs.add(cds ? child(jar, MODES[i], "-XX:SharedArchiveFile=" + archive)
              : child(jar, MODES[i], "-Xshare:auto"));
        }
        m[i] = new double[] {median(runs, 0), median(runs, 1)};
      }
      String jvm = cds ? "JVM with its class-data archive" : "JVM, JDK's archive only";
      line("  " + jvm + ", CPU to first records (ms)", String.format("%.0f / %.0f (none %.0f)",
          m[1][0], m[2][0], m[0][0]));
      line("    of which the JSON (ms)", String.format("%.0f / %.0f", m[1][0] - m[0][0],
          m[2][0] - m[0][0]));
      line("    per record, warm, CPU (us)", String.format("%.1f / %.1f", m[1][1], m[2][1]));
    }
  }

  private static void line(String what, String value) {
    System.out.printf("%-46s %24s%n", what, value);
  }

  private static double median(List<double[]> runs, int k) {
    double[] a = runs.stream().mapToDouble(r -> r[k]).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  /** One JVM: its CPU ms at the first records, and the warm microseconds per record. */
  private static double[] child(String jar, String mode, String share) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off", share, "-cp", jar,
        JsonBench.class.getName(), mode).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String figures = out.lines().filter(l -> l.startsWith("json ")).findFirst().orElse(null);
    if (p.waitFor() != 0 || figures == null) {
      throw new IllegalStateException("JsonBench " + mode + " failed:\n" + out);
    }
    String[] f = figures.split(" ");
    return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
  }

  /** In the child JVM: {@code none}, {@code codec} or {@code binding}; prints its figures. */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    if (!mode.equals("none")) {
      boolean codec = mode.equals("codec");
      for (Record r : records()) {
        roundTrip(r, codec);
      }
      double cpu = cpuMs();
      int n = 20_000;
      for (int i = 0; i < n; i++) { // warm up
        roundTrip(records().get(i % 3), codec);
      }
      // CPU time, not wall: on a shared machine the wall time is mostly waiting for a core
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long t0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        roundTrip(records().get(i % 3), codec);
      }
      double perRecord = (threads.getCurrentThreadCpuTime() - t0) / 1e3 / n;
      System.out.println("json " + cpu + " " + perRecord);
    } else {
      System.out.println("json " + cpuMs() + " 0");
    }
  }

  private static double cpuMs() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e6;
  }

  private static List<Record> records() {
    return List.of(
        new RunMeta("Hello", "dev.cellflow.examples.Hello", 17, "me", dev.cellflow.RunStatus.RUNNING, 1, 0,
            Map.of("size", "10"), List.of("nightly"), null),
        new TaskMeta("start", 1, 0, dev.cellflow.TaskStatus.SUCCEEDED, 1, 2, 3, 4, List.of("start/1"),
            List.of(new SplitFrame("start", 1, 0, 10, true)), null, null),
        new TaskResult(List.of("end"), null, 0,
            Map.of("greeting", new ArtifactRef("sha1/ab", "java", "java.lang.String", 12))));
  }

  /** {@code r} written and read back by the codec asked for. */
  private static void roundTrip(Record r, boolean codec) throws Exception {
    if (codec) {
      byte[] b = Json.write(r);
      Json.read(new ByteArrayInputStream(b), r.getClass());
    } else {
      byte[] b = Json.mapper().writeValueAsBytes(r);
      Json.mapper().readValue(b, r.getClass());
    }
  }
}
