package dev.cellflow.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each piece of the start-up machinery buys ({@code bin/bench startup}): a cold {@code run}
 * of the 2-step Hello flow through its own {@code main}, with everything on, with the master
 * switch off, and with each piece off alone, on the shaded jar and on a multi-jar class path
 * (this module's jar and its dependencies' jars, as Maven lists them). The variants take turns
 * run after run, so that the machine's load falls on all of them alike; each figure is the
 * median wall time and CPU time (the JVM and every process it waited for) of its runs.
 */
final class StartupBench {
  /** The switches turned off in each variant (docs/startup.md names them). */
  private static final Map<String, Map<String, String>> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("everything on (default)", Map.of());
    VARIANTS.put("master switch off (CELLFLOW_FAST_START)", Map.of("CELLFLOW_FAST_START", "false"));
    // no CELLFLOW_RELAUNCH: a flow's run is no longer relaunched (docs/startup.md)
    for (String v : List.of("CDS", "SCAN_CACHE", "EARLY_WORKER", "QUICK_RUN")) {
      VARIANTS.put("  without CELLFLOW_" + v, Map.of("CELLFLOW_" + v, "false"));
    }
  }

  private final Path dir;
  private final int repeat;

  StartupBench(Path dir, int repeat) {
    this.dir = dir;
    this.repeat = repeat;
  }

  /** The figures for the shaded jar {@code jar}, then for the multi-jar class path beside it. */
  void run(String jar) throws Exception {
    table("shaded jar", jar);
    Path listed = Path.of(jar).resolveSibling("runtime-classpath.txt");
    Path thin = thinJar(Path.of(jar).getParent());
    if (Files.isRegularFile(listed) && thin != null) {
      table("multi-jar class path", thin + java.io.File.pathSeparator
          + Files.readString(listed).trim());
    } else {
      System.out.println("  (multi-jar class path: skipped, no " + listed + " or module jar;"
          + " build with mvn package)");
    }
  }

  /** The module's own jar (not the shaded one) in {@code target}, or null. */
  private static Path thinJar(Path target) throws IOException {
    try (var files = Files.list(target)) {
      return files.filter(f -> f.getFileName().toString().matches("cellflow-examples-.*\\.jar"))
          .findFirst().orElse(null);
    }
  }

  private void table(String what, String classpath) throws Exception {
    // a cache of its own, written by a first run as on a user's machine after one run
    Path cache = Files.createDirectories(dir.resolve("startup-cache-" + what.charAt(0)));
    for (int i = 0; i < 2; i++) {
      once(classpath, cache, Map.of());
    }
    Map<String, List<double[]>> runs = new LinkedHashMap<>();
    for (int r = 0; r < repeat; r++) {
      for (var v : VARIANTS.entrySet()) {
        runs.computeIfAbsent(v.getKey(), k -> new ArrayList<>())
            .add(once(classpath, cache, v.getValue()));
      }
    }
    System.out.printf("%-46s %12s %12s %12s   (%s, cold run of Hello)%n", "start-up piece",
        "wall (s)", "CPU (s)", "CPU min-max", what);
    double[] base = null;
    for (var e : runs.entrySet()) {
      double wall = median(e.getValue(), 0);
      double cpu = median(e.getValue(), 1);
      if (base == null) {
        base = new double[] {wall, cpu};
      }
      // the spread says what is noise: a piece whose difference is within it buys nothing sure
      System.out.printf("%-46s %12.2f %12.2f %12s   %+.2f / %+.2f s vs everything on%n",
          e.getKey(), wall, cpu, String.format("%.2f-%.2f", min(e.getValue(), 1),
              max(e.getValue(), 1)), wall - base[0], cpu - base[1]);
    }
  }

  /** One cold run: its wall time and CPU time in seconds (CPU NaN without /usr/bin/time). */
  private double[] once(String classpath, Path cache, Map<String, String> env) throws Exception {
    Path times = dir.resolve("startup-times.txt");
    List<String> cmd = new ArrayList<>();
    boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
    if (timed) {
      cmd.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString()));
    }
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "dev.cellflow.examples.Hello", "run",
        "--datastore-root", dir.resolve("store").toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    double wall = (System.nanoTime() - t0) / 1e9;
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " " + env + " failed (" + code
          + "):\n" + out);
    }
    double cpu = Double.NaN;
    if (timed) {
      String[] f = Files.readString(times).trim().split("\\s+");
      cpu = Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
    }
    return new double[] {wall, cpu};
  }

  private static double min(List<double[]> xs, int column) {
    return xs.stream().mapToDouble(x -> x[column]).min().orElse(Double.NaN);
  }

  private static double max(List<double[]> xs, int column) {
    return xs.stream().mapToDouble(x -> x[column]).max().orElse(Double.NaN);
  }

  private static double median(List<double[]> xs, int column) {
    double[] a = xs.stream().mapToDouble(x -> x[column]).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
