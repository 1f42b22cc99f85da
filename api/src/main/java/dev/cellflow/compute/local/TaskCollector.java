package dev.cellflow.compute.local;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * The garbage collector of task processes, unless the user names one in {@code
 * CELLFLOW_TASK_JAVA_OPTIONS}: Shenandoah where this JVM has it, else G1.
 *
 * <p>Why: a step's data mostly lives as long as its task (a matrix made, then summed), so every
 * copy a collector makes of it is waste, and on a VM the copy's destination costs a page fault
 * per 4 KB touched for the first time. G1 and Parallel copy each young object at least once;
 * measured on BigSum 20000 (a 3.2 GB matrix of 160 KB rows, a 6000 MB heap), their collections
 * took 2.0 s of the 2.4-2.8 s the matrix took to make. Shenandoah moves only regions that are
 * mostly garbage and leaves dense ones in place: 1.8 s, near the 1.7 s of making it with no
 * collection at all; the whole run went from 4.3-4.4 s to 3.5-3.9 s. Trivial tasks (a foreach
 * of 100) measured the same within noise. Shenandoah is in OpenJDK's builds (Debian, Red Hat,
 * Temurin) but not in Oracle's; there the JVM would refuse the option, so it is asked for only
 * where this JVM (the one tasks are started with) knows it.
 */
final class TaskCollector {
  private static volatile String option;

  private TaskCollector() {}

  /** The JVM option that picks the task processes' collector. */
  static String option() {
    String o = option;
    if (o == null) {
      o = knows("UseShenandoahGC") ? "-XX:+UseShenandoahGC" : "-XX:+UseG1GC";
      option = o;
    }
    return o;
  }

  /** Whether this JVM has the flag {@code name} (a JVM without it refuses to start with it). */
  static boolean knows(String name) {
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name);
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return false;
    }
  }
}
