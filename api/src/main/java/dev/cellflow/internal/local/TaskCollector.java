package dev.cellflow.internal.local;

import dev.cellflow.internal.startup.JvmCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
 * Temurin) but not in Oracle's, where the JVM refuses the option: it is asked for only where
 * the JVM tasks are started with (this one) takes it.
 */
final class TaskCollector {
  private static volatile String option;

  private TaskCollector() {}

  /**
   * The JVM option that picks the task processes' collector. Whether this JVM has Shenandoah is
   * found once per JVM build by starting {@code java -XX:+UseShenandoahGC -version} (a JVM built
   * without it has the flag but refuses it), and kept as an empty file in cellflow's cache: the
   * run's first task process boots before anything else, and asking each time would delay it.
   */
  static String option() {
    String o = option;
    if (o == null) {
      o = shenandoah() ? "-XX:+UseShenandoahGC" : "-XX:+UseG1GC";
      option = o;
    }
    return o;
  }

  private static boolean shenandoah() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StringBuilder key = JvmCache.jvmKey();
    Path yes = JvmCache.file("shenandoah-", key, ".gc");
    Path no = JvmCache.file("g1-", key, ".gc");
    if (yes != null && Files.exists(yes)) {
      return true;
    }
    if (no != null && Files.exists(no)) {
      return false;
    }
    boolean has = starts(java, "-XX:+UseShenandoahGC");
    if (yes != null) {
      try {
        Files.createFile(has ? yes : no);
      } catch (IOException e) {
        // asked again next time
      }
    }
    return has;
  }

  /** Whether {@code java} starts with {@code option}. */
  static boolean starts(String java, String option) {
    try {
      Process p = new ProcessBuilder(java, option, "-version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
