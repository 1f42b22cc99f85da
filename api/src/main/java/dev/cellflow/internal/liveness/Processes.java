package dev.cellflow.internal.liveness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Names this process so that another one can later tell whether it still runs, and tells it.
 * On Linux a pid means one process only within one boot and one pid namespace (a container
 * has its own), and only as long as the process lives: a pid is reused later. So the name is
 * the boot id and namespace, the pid, and the process's start in clock ticks since boot (read
 * from {@code /proc}, where it never changes, unlike a start time in wall-clock terms, which
 * shifts when the clock is set). Elsewhere this tells nothing, and readers go by heartbeats.
 */
final class Processes {
  private static volatile String machine;

  private Processes() {}

  /** Where pids mean the same as in this process, or null where that cannot be told. */
  static String machine() {
    String m = machine;
    if (m == null) {
      try {
        String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        m = boot + " " + Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        m = "";
      }
      machine = m;
    }
    return m.isEmpty() ? null : m;
  }

  /** This machine's host name, for messages. */
  static String host() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        return "unknown";
      }
    }
  }

  /**
   * When process {@code pid} started, in clock ticks since boot; 0 when no such process runs
   * (or it has ended and waits to be reaped); -1 when that cannot be read here.
   */
  static long start(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
          StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException | SecurityException e) {
      return -1;
    }
    // "pid (name) state ppid ... starttime ...": the name may hold spaces and parentheses, so
    // count from after its last ')'; the state is field 3 and starttime field 22
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    if (f.length < 20) {
      return -1;
    }
    if (f[0].equals("Z") || f[0].equals("X")) {
      return 0; // ended; only its exit status is left for its parent
    }
    try {
      return Long.parseLong(f[19]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Whether the process named {@code machine}, {@code pid} and {@code start} still runs: TRUE or
   * FALSE where this process can tell, null where it cannot (another machine, not Linux).
   */
  static Boolean running(String machine, long pid, long start) {
    String here = machine();
    if (here == null || machine == null || !here.equals(machine) || start <= 0) {
      return null;
    }
    long now = start(pid);
    if (now == 0 && !Files.exists(Path.of("/proc/1/stat"))) {
      return null; // /proc hides other users' processes (hidepid): not seeing it tells nothing
    }
    return now < 0 ? null : now == start;
  }
}
