package dev.cellflow.examples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark command ({@code bin/bench}): runs the example flows as a user would, in new JVMs
 * from this jar, and prints each figure (median of several runs) beside Metaflow's figure on a
 * machine of this kind and the goal. Timings are printed, never asserted.
 */
public final class Benchmarks {
  private static final int REPEAT = Integer.parseInt(System.getenv().getOrDefault("BENCH_REPEAT", "3"));

  private final Path dir;
  private final String jar;

  private Benchmarks(Path dir) {
    this.dir = dir;
    this.jar = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation()
        .getPath()).toString();
  }

  /** The groups of benchmarks, in the order they run; {@code bin/bench NAME...} runs some. */
  private static final List<String> GROUPS =
      List.of("cold", "startup", "foreach", "bigsum", "foreach10k", "join", "artifacts", "json", "s3",
          "batch");

  public static void main(String[] args) throws Exception {
    List<String> chosen = args.length == 0 ? GROUPS : List.of(args);
    for (String g : chosen) {
      if (!GROUPS.contains(g)) {
        System.err.println("bin/bench: no benchmark group '" + g + "'; the groups are "
            + String.join(", ", GROUPS) + " (none named: all of them)");
        System.exit(2);
      }
    }
    Path dir = Files.createTempDirectory("cellflow-bench");
    Benchmarks b = new Benchmarks(dir);
    System.out.printf("%-46s %12s %12s %10s %s%n", "benchmark", "cellflow", "Metaflow", "goal",
        "ratio (Metaflow / cellflow)");
    b.warmUp();
    for (String g : chosen) {
      switch (g) {
        case "cold" -> b.coldRun();
        case "startup" -> new StartupBench(dir, REPEAT).run(b.jar);
        case "foreach" -> b.foreach100();
        case "bigsum" -> b.bigSum();
        case "foreach10k" -> new ForeachBench(dir, b.jar, REPEAT).wide();
        case "join" -> new ForeachBench(dir, b.jar, REPEAT).join();
        case "artifacts" -> b.artifacts();
        case "json" -> JsonBench.run(dir, b.jar, REPEAT);
        case "s3" -> S3Bench.run(dir);
        default -> BatchBench.run(dir, b.jar);
      }
    }
    System.out.println("(medians of " + REPEAT + " runs; datastore under " + dir + ")");
  }

  /**
   * One run of each flow, which writes the class-data archives every later run maps: the task
   * processes' (one per classpath) and the runtime's own (one per flow class and command).
   */
  private void warmUp() throws Exception {
    run("dev.cellflow.examples.Hello", "run");
    run("dev.cellflow.examples.FanOut", "run", "--splits", "2");
    run("dev.cellflow.examples.bench.StatefulFanOut", "run", "--splits", "2");
    run("dev.cellflow.examples.BigSum", "run", "--size", "100");
    run("dev.cellflow.examples.bench.Touch", "run", "--size", "100");
    run("dev.cellflow.examples.bench.WideJoin", "run", "--splits", "2", "--mb", "0");
  }

  private void coldRun() throws Exception {
    List<Double> runs = times(() -> run("dev.cellflow.examples.Hello", "run").seconds());
    row("run of a 2-step flow, cold JVM (s)", median(runs), 0.80, "<= 0.5");
    spread("cold run (s)", runs, "%.2f");
  }

  private void foreach100() throws Exception {
    double s = median(() -> run("dev.cellflow.examples.FanOut", "run", "--splits", "100").seconds());
    row("foreach of 100 trivial splits, 103 tasks (s)", s, 16.8, "<= 2.0");
    // the same with a static counter: each task gets the flow's classes (and a thread) anew
    for (String n : List.of("100", "1000")) {
      double fresh = median(() -> run("dev.cellflow.examples.bench.StatefulFanOut", "run",
          "--splits", n, "--max-num-splits", n).seconds());
      double same = n.equals("100") ? s : median(() -> run("dev.cellflow.examples.FanOut",
          "run", "--splits", n, "--max-num-splits", n).seconds());
      System.out.printf("%-46s %12.2f %12s %10s%n",
          "  " + n + " splits, flow with a static counter (s)", fresh, "-", "");
      System.out.printf("%-46s %12.2f %12s %10s%n", "    the same of constants (FanOut) (s)", same,
          "-", "");
    }
  }

  private void bigSum() throws Exception {
    List<Double> whole = new ArrayList<>();
    List<Double> serial = new ArrayList<>();
    List<Double> parallel = new ArrayList<>();
    List<Double> made = new ArrayList<>();
    List<Double> floor = new ArrayList<>();
    List<Double> cTouch = new ArrayList<>();
    CHere c = CHere.compile(dir);
    for (int i = 0; i < REPEAT; i++) {
      Result r = run("dev.cellflow.examples.BigSum", "run", "--size", "20000",
          "--with", "resources:memory=6000");
      whole.add(r.seconds());
      serial.add(group(r.out(), "Computing it took (\\d+)ms"));
      parallel.add(group(r.out(), "Computing it with parallelMap took (\\d+)ms"));
      made.add(group(r.out(), "Making the matrix took (\\d+)ms"));
      // the floor alternates with BigSum: how fast fresh memory comes varies with what the
      // machine's host did last, so both are measured under the same conditions
      floor.add(group(run("dev.cellflow.examples.bench.Touch", "run", "--size", "20000",
          "--with", "resources:memory=6000").out(), "Allocating the rows took (\\d+)ms"));
      double touched = c == null ? Double.NaN : c.touchMs();
      if (!Double.isNaN(touched)) {
        cTouch.add(touched);
      }
    }
    double bytes = 20000.0 * 20000.0 * 8;
    double serialMs = median(serial);
    double parallelMs = median(parallel);
    row("BigSum 20000x20000 whole run (s)", median(whole), 4.85, "<= 2.0");
    spread("whole run (s)", whole, "%.2f");
    row("BigSum making the matrix (ms)", median(made), 3190, "");
    spread("making the matrix (ms)", made, "%.0f");
    System.out.printf("%-46s %12.0f %12s %10s%n", "  floor: the rows allocated, not filled (ms)",
        median(floor), "-", "");
    spread("floor (ms)", floor, "%.0f");
    if (!cTouch.isEmpty()) {
      // the same, without a JVM: how fast this machine hands out 3.2 GB of fresh memory
      System.out.printf("%-46s %12.0f %12s %10s%n", "  C touching 3.2 GB of fresh memory (ms)",
          median(cTouch), "-", "");
      spread("C touching (ms)", cTouch, "%.0f");
    }
    rested(c);
    row("BigSum serial sum (ms)", serialMs, 117, "");
    System.out.printf("%-46s %12.1f %12s %10s%n", "  serial sum bandwidth (GB/s)",
        bytes / serialMs / 1e6, "29-31", ">= 29");
    double[] numpy = numpyHere();
    if (numpy != null) {
      System.out.printf("%-46s %12.0f %12.0f %10s %8.1fx%n", "  numpy on this machine: making (ms)",
          median(made), numpy[0], "", numpy[0] / median(made));
      System.out.printf("%-46s %12.0f %12.0f %10s %8.1fx%n", "  numpy on this machine: sum (ms)",
          serialMs, numpy[1], "", numpy[1] / serialMs);
    } else {
      System.out.println("  (numpy on this machine: skipped, python3 with numpy not found)");
    }
    double[] cSum = c == null ? null : c.sumGbPerSecond();
    if (cSum != null) {
      // this machine's own ceiling for the serial sum, beside the goal from another machine
      System.out.printf("%-46s %12s %12s %10s %s%n", "  vectorised C here, 8 rows / 1 row (GB/s)",
          String.format("%.1f / %.1f", cSum[1], cSum[0]), "-", "",
          String.format("cellflow at %.0f%% of C's best", 100 * bytes / serialMs / 1e6 / cSum[1]));
    } else {
      System.out.println("  (C on this machine: skipped, no cc)");
    }
    row("BigSum parallelMap sum, 2 cores (ms)", parallelMs, 217, "");
    System.out.printf("%-46s %12.2f %12.2f %10s%n", "  parallelMap speed-up over serial (x)",
        serialMs / parallelMs, 117.0 / 217.0, ">= 1.3");
  }

  /**
   * BigSum's whole run and C's touch of 3.2 GB, each after the machine has rested. Run after run,
   * a process gets memory the last one freed and the host still backs; Linux reports freed
   * memory to a VM's host 2 s after it is freed (free page reporting), and the host takes it
   * back, so a run typed after a pause pays for every page again. This is that case.
   */
  private void rested(CHere c) throws Exception {
    List<Double> whole = new ArrayList<>();
    List<Double> touch = new ArrayList<>();
    for (int i = 0; i < Math.min(REPEAT, 3); i++) {
      Thread.sleep(4000);
      whole.add(run("dev.cellflow.examples.BigSum", "run", "--size", "20000",
          "--with", "resources:memory=6000").seconds());
      if (c != null) {
        Thread.sleep(4000);
        touch.add(c.touchMs());
      }
    }
    row("  BigSum whole run, machine rested 4 s (s)", median(whole), 4.85, "<= 2.0");
    spread("rested whole run (s)", whole, "%.2f");
    if (!touch.isEmpty() && !touch.contains(Double.NaN)) {
      System.out.printf("%-46s %12.0f %12s %10s%n", "  C touching 3.2 GB, machine rested (ms)",
          median(touch), "-", "");
      spread("rested C touching (ms)", touch, "%.0f");
    }
  }

  /**
   * The seed's Python BigSum work (numpy's legacy generator, then {@code sum}) run here, the
   * medians of its make and sum times in ms; null where there is no python3 with numpy.
   * Metaflow's figures beside ours come from another machine of this kind; this says what the
   * same Python code does on this one.
   */
  private static double[] numpyHere() throws Exception {
    String script = "import time, numpy as np\n"
        + "t = time.perf_counter(); m = np.random.random((20000, 20000))\n"
        + "t1 = time.perf_counter(); s = m.sum(); t2 = time.perf_counter()\n"
        + "print((t1 - t) * 1000, (t2 - t1) * 1000, s > 0)\n";
    List<Double> make = new ArrayList<>();
    List<Double> sum = new ArrayList<>();
    for (int i = 0; i < Math.min(REPEAT, 3); i++) { // 3.2 GB and 4 s each: three are enough
      Process p;
      try {
        p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
      } catch (IOException e) {
        return null;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0 || !out.endsWith("True")) {
        return null;
      }
      String[] f = out.split("\\s+");
      make.add(Double.parseDouble(f[0]));
      sum.add(Double.parseDouble(f[1]));
    }
    return new double[] {median(make), median(sum)};
  }

  /** One 1 GB artifact stored and loaded through the datastore, in this JVM. */
  private void artifacts() throws Exception {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    double[] random = new double[1 << 27]; // 1 GiB
    for (int i = 0; i < random.length; i++) {
      random[i] = rnd.nextDouble();
    }
    double[] steps = new double[1 << 27]; // compressible: few distinct values
    for (int i = 0; i < steps.length; i++) {
      steps[i] = i / 100_000;
    }
    for (Object[] c : new Object[][] {{"random", random, 37.8, 7.5}, {"compressible", steps,
        Double.NaN, Double.NaN}}) {
      List<Double> store = new ArrayList<>();
      List<Double> load = new ArrayList<>();
      dev.cellflow.internal.metadata.ArtifactRef ref = null;
      for (int i = 0; i < REPEAT; i++) {
        // a fresh store each time: the same bytes would otherwise be found already stored
        var fresh = new dev.cellflow.internal.datastore.FlowDatastore(
            new dev.cellflow.internal.datastore.LocalStorage(
                dir.resolve("artifacts-" + c[0] + i)), "B");
        long t0 = System.nanoTime();
        ref = fresh.putArtifact(c[1]);
        store.add((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        double[] back = (double[]) fresh.getArtifact(ref, getClass().getClassLoader());
        load.add((System.nanoTime() - t0) / 1e9);
        if (back.length != random.length) {
          throw new IllegalStateException("artifact came back wrong");
        }
        deleteTree(dir.resolve("artifacts-" + c[0] + i)); // 1 GiB each: do not fill the disk
      }
      String what = "1 GiB double[] " + c[0];
      double m1 = median(store);
      double m2 = median(load);
      if (Double.isNaN((double) c[2])) {
        System.out.printf("%-46s %12.2f %12s %10s%n", what + ", store (s)", m1, "-", "");
        System.out.printf("%-46s %12.2f %12s %10s%n", what + ", load (s)", m2, "-", "");
        System.out.printf("%-46s %12.0f%n", "  raw size / stored size (x smaller)",
            8.0 * (1 << 27) / ref.size());
      } else {
        row(what + ", store (s)", m1, (double) c[2], "<= 1.5");
        row(what + ", load (s)", m2, (double) c[3], "<= 1.0");
      }
    }
    // the content hash, alone: it runs on its own thread beside the writing, so it must not be
    // slower than the disk for the store above not to wait on it
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    byte[] chunk = new byte[1 << 20];
    long t0 = System.nanoTime();
    for (int i = 0; i < 1024; i++) {
      sha.update(chunk);
    }
    sha.digest();
    System.out.printf("%-46s %12.2f%n", "  SHA-256 content hash (GB/s)",
        (1 << 30) / ((System.nanoTime() - t0) / 1e9) / 1e9);
    // the read check, alone: every load above checksums each byte (CRC32C) as it passes
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    t0 = System.nanoTime();
    for (int i = 0; i < 1024; i++) {
      crc.update(chunk);
    }
    System.out.printf("%-46s %12.2f%n", "  CRC32C read check, one core (GB/s)",
        (1 << 30) / ((System.nanoTime() - t0) / 1e9) / 1e9);
  }

  private static void deleteTree(Path p) throws IOException {
    try (var files = Files.walk(p)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  private record Result(double seconds, String out) {}

  private interface Timed {
    double get() throws Exception;
  }

  private double median(Timed t) throws Exception {
    return median(times(t));
  }

  private static List<Double> times(Timed t) throws Exception {
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i < REPEAT; i++) {
      xs.add(t.get());
    }
    return xs;
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static double group(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no '" + regex + "' in:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  /**
   * The lowest and highest of {@code xs}: on a VM, fresh memory comes fast or slowly depending
   * on whether the host still backs the pages the last process gave back, so BigSum's times
   * spread far more than a median shows.
   */
  private static void spread(String what, List<Double> xs, String format) {
    System.out.printf("%-46s %12s%n", "  spread of " + what + ", min-max",
        String.format(format, java.util.Collections.min(xs)) + "-"
            + String.format(format, java.util.Collections.max(xs)));
  }

  private static void row(String name, double value, double metaflow, String goal) {
    System.out.printf("%-46s %12.2f %12.2f %10s %8.1fx%n", name, value, metaflow, goal,
        metaflow / value);
  }

  private Result run(String flowClass, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", jar, flowClass));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--datastore-root", dir.resolve("store").toString()));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    double secs = (System.nanoTime() - t0) / 1e9;
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed (" + code + "):\n" + out);
    }
    return new Result(secs, out);
  }
}
