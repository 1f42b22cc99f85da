package dev.cellflow.internal.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Transparent huge pages for the heap of task processes, where Linux offers them to a process
 * that asks ({@code madvise} or {@code always} in {@value #SETTING}).
 *
 * <p>Why: a step that makes a large array (BigSum's 3.2 GB matrix) spends most of its time in
 * page faults, one per 4 KB touched for the first time, and its process spends a third of a
 * second at exit giving 800,000 pages back; the runtime waits for both. With 2 MB pages, both
 * shrink: measured on this project's 2-core VM, a JVM filling 3.2 GB took 1.9-2.6 s with them
 * against 3.0-3.5 s without, and the exit went from 0.35 s to 0.01-0.02 s. The JVM applies them
 * to the whole heap only when it commits the whole heap at start ({@code -Xms} equal to {@code
 * -Xmx}); committing is address space, not memory: pages are still only used once touched.
 * Trivial tasks measured the same with or without. The heap is not committed at start where
 * Linux counts commitments strictly, nor beyond the machine's memory. Off with {@code
 * CELLFLOW_HUGE_PAGES=false} (the {@link FastStart} switch {@code hugePages}).
 */
public final class HugePages {
  /** Linux's switch: {@code always [madvise] never}, the bracketed word chosen. */
  public static final String SETTING = "/sys/kernel/mm/transparent_hugepage/enabled";

  /** Linux's accounting of committed memory: 2 refuses what exceeds the commit limit. */
  public static final String OVERCOMMIT = "/proc/sys/vm/overcommit_memory";

  /**
   * A new thread's first allocation buffer starts small (and grows as the thread allocates, as
   * before). Sized from the whole heap, as the JVM does by default, it took megabytes of fresh
   * huge pages, each zeroed by Linux on first touch: a warm worker that gives each task of a
   * flow with state a new thread (see WorkerMain) paid about 6.7 ms of a core per task for that
   * thread's start, 1.2 ms with this; a flow with a static counter went from 19 to 11 ms of
   * CPU a task (600 tasks in one worker, 2-core machine).
   */
  public static final String SMALL_TLAB = "-XX:TLABSize=256k";

  // each read once per JVM
  private static volatile Boolean available;
  private static volatile Boolean strictCommit;
  private static volatile long physical;

  private HugePages() {}

  /**
   * The options that give a task process of {@code heapMb} huge pages: none where Linux does not
   * offer them, or where the user's own options ({@code extras}) size the heap or decide on huge
   * pages themselves.
   */
  public static List<String> options(int heapMb, List<String> extras) {
    if (!FastStart.on(FastStart.Piece.HUGE_PAGES)) {
      return List.of();
    }
    for (String o : extras) {
      if (o.startsWith("-Xms") || o.startsWith("-Xmx") || o.contains("TransparentHugePages")
          || o.contains("LargePages")) {
        return List.of();
      }
    }
    Boolean on = available;
    if (on == null) {
      on = offered(Path.of(SETTING));
      available = on;
    }
    if (!on) {
      return List.of();
    }
    Boolean strict = strictCommit;
    if (strict == null) {
      strict = strict(Path.of(OVERCOMMIT));
      strictCommit = strict;
    }
    // where Linux counts committed memory against a limit, a whole heap committed per task
    // process could refuse the next one its start; and a heap larger than the machine cannot be
    // committed at all (the JVM would die at start, leaving an error file behind): there, pages
    // only for what the heap grows to
    return strict || heapMb >= physicalMb() ? List.of("-XX:+UseTransparentHugePages", SMALL_TLAB)
        : List.of("-XX:+UseTransparentHugePages", SMALL_TLAB, "-Xms" + heapMb + "m");
  }

  /**
   * This machine's memory in MB ({@code MemTotal} in {@code /proc/meminfo}), or
   * {@code Long.MAX_VALUE} where unknown. Not what a container may use (the backend checks that
   * before a step runs): only what no heap can be committed beyond. Read directly, as the JVM's
   * management classes cost a starting JVM tens of milliseconds.
   */
  public static long physicalMb() {
    long mb = physical;
    if (mb == 0) {
      mb = memTotalMb(Path.of("/proc/meminfo"));
      physical = mb;
    }
    return mb;
  }

  /** {@code MemTotal} of a meminfo file, in MB; {@code Long.MAX_VALUE} where unknown. */
  public static long memTotalMb(Path meminfo) {
    try {
      for (String line : Files.readAllLines(meminfo, StandardCharsets.US_ASCII)) {
        if (line.startsWith("MemTotal:")) {
          String[] f = line.substring("MemTotal:".length()).trim().split("\\s+");
          return Long.parseLong(f[0]) / 1024; // kB
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return Long.MAX_VALUE;
  }

  /** Whether {@code setting} (a copy of {@value #OVERCOMMIT}) is the strict mode. */
  public static boolean strict(Path setting) {
    try {
      return new String(Files.readAllBytes(setting), StandardCharsets.US_ASCII).trim().equals("2");
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether {@code setting} (a copy of {@value #SETTING}) lets a process ask for huge pages. */
  public static boolean offered(Path setting) {
    try {
      String s = new String(Files.readAllBytes(setting), StandardCharsets.US_ASCII);
      return s.contains("[madvise]") || s.contains("[always]");
    } catch (IOException e) {
      return false; // not Linux, or a kernel without them
    }
  }
}
