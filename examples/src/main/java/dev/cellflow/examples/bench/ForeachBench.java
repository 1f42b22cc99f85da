package dev.cellflow.examples.bench;

import dev.cellflow.client.Flow;
import dev.cellflow.client.Task;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wide foreach runs, started as a user starts them, each with its join's time (from the run's
 * own task records) and the peak memory of the runtime and of the task processes: foreach
 * groups of 1,000, 10,000 and 20,000 trivial splits, and a join after a large artifact set in
 * {@code start}, beside the same run without it. Each figure is compared with a baseline run
 * in the same sitting, never with a number from another day.
 */
final class ForeachBench {
  private final Path dir;
  private final String jar;
  private final int repeat;

  ForeachBench(Path dir, String jar, int repeat) {
    this.dir = dir;
    this.jar = jar;
    this.repeat = repeat;
  }

  /** One run: whole time, join task time, and peak memory in MB. */
  private record Run(double seconds, double joinSeconds, double runtimeMb, double taskMb) {}

  /** Medians of {@link #repeat} runs. */
  private record Medians(double seconds, double joinSeconds, double runtimeMb, double taskMb) {}

  /** 1,000, 10,000 and 20,000 trivial splits (FanOut). */
  void wide() throws Exception {
    int[] sizes = {1000, 10000, 20000};
    Medians[] m = new Medians[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      String n = Integer.toString(sizes[i]);
      m[i] = medians("dev.cellflow.examples.FanOut", "FanOut", "run", "--splits", n,
          "--max-num-splits", n);
      String what = String.format("foreach of %,d splits", sizes[i]);
      String goal = sizes[i] == 10000 ? "<= 15" : sizes[i] == 20000 ? "<= 30" : "";
      line(what + ", whole run (s)", String.format("%.2f", m[i].seconds()), goal);
      line("  its join (s)", String.format("%.2f", m[i].joinSeconds()), "");
      line("  peak MB: runtime / largest task", memory(m[i]), "");
    }
    line("  whole run, 20,000 / 10,000 splits (x)",
        String.format("%.2f", m[2].seconds() / m[1].seconds()), "<= 2.0");
    line("  whole run ms per split at 1k / 10k / 20k", perSplit(m, sizes, false), "linear");
    line("  join ms per split at 1k / 10k / 20k", perSplit(m, sizes, true), "linear");
  }

  /** 100 splits after a 50 MB artifact in start, beside the same run without it. */
  void join() throws Exception {
    Medians without = medians("dev.cellflow.examples.bench.WideJoin", "WideJoin", "run",
        "--splits", "100", "--mb", "0");
    Medians with = medians("dev.cellflow.examples.bench.WideJoin", "WideJoin", "run",
        "--splits", "100", "--mb", "50");
    line("join of 100 splits after 50 MB in start (s)", String.format("%.2f",
        with.joinSeconds()), "");
    line("  the same without the 50 MB (s)", String.format("%.2f", without.joinSeconds()), "");
    line("  join time with / without (x)", String.format("%.2f",
        with.joinSeconds() / without.joinSeconds()), "~1");
    line("  whole run with / without (s)", String.format("%.2f / %.2f", with.seconds(),
        without.seconds()), "");
    line("  peak MB with 50 MB: runtime / largest task", memory(with), "");
    line("  peak MB without: runtime / largest task", memory(without), "");
  }

  private static String perSplit(Medians[] m, int[] sizes, boolean join) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      out.add(String.format("%.2f", 1000 * (join ? m[i].joinSeconds() : m[i].seconds())
          / sizes[i]));
    }
    return String.join(" / ", out);
  }

  private static String memory(Medians m) {
    return m.runtimeMb() < 0 ? "- (no /proc)"
        : String.format("%.0f / %.0f", m.runtimeMb(), m.taskMb());
  }

  private static void line(String name, String value, String goal) {
    System.out.printf("%-46s %12s %12s %10s%n", name, value, "-", goal);
  }

  private Medians medians(String flowClass, String flow, String... args) throws Exception {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      runs.add(run(flowClass, flow, args));
    }
    return new Medians(median(runs.stream().mapToDouble(Run::seconds).toArray()),
        median(runs.stream().mapToDouble(Run::joinSeconds).toArray()),
        median(runs.stream().mapToDouble(Run::runtimeMb).toArray()),
        median(runs.stream().mapToDouble(Run::taskMb).toArray()));
  }

  private Run run(String flowClass, String flow, String... args) throws Exception {
    Path store = dir.resolve("store");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", jar,
        flowClass));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--datastore-root", store.toString()));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    PeakMemory peak = PeakMemory.of(p);
    try (peak) {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    Task join = Flow.in(new LocalStorage(store), flow).latestRun()
        .orElseThrow().step("join").task();
    double joinSecs = (join.finishedAt().toEpochMilli() - join.startedAt().toEpochMilli()) / 1e3;
    return new Run(secs, joinSecs, peak.runtimeMb(), peak.taskMb());
  }

  private static double median(double[] xs) {
    double[] a = xs.clone();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
