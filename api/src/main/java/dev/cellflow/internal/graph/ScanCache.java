package dev.cellflow.internal.graph;

import dev.cellflow.internal.startup.FastStart;
import dev.cellflow.internal.startup.JvmCache;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a flow class's bytecode says (its transition calls and the fields each step touches),
 * kept in cellflow's per-machine cache for a class path of unchanged jars, so that a run does not
 * read and analyse the bytecode again.
 *
 * <p>Why: reading a class's bytes through its class loader and analysing them with ASM cost the
 * runtime's JVM about 0.1 s of CPU per cold run, on a 2-core machine where the run's first task
 * process boots beside it. The cache is used only where the flow class comes from the class
 * path's own loader and every class path entry is a jar: the key names each jar with its size
 * and time, as the class-data archives' keys do, so a rebuilt jar is analysed again. A file
 * that cannot be read or parsed is ignored and written again.
 */
final class ScanCache {
  private static final String HEADER = "cellflow-graph-scan 2";
  // markers no URL-encoded name can be: the encoder writes a '%' only before two hex digits
  private static final String NONE = "%";
  private static final String ALL = "%all";

  /** The scans of one flow class. */
  record Scans(Map<String, List<TransitionScanner.Call>> calls,
      Map<String, Set<String>> touches) {}

  private ScanCache() {}

  /** The cache file for {@code flow}, or null where its scans cannot be cached. */
  static Path file(Class<?> flow) {
    if (flow.getClassLoader() != ClassLoader.getSystemClassLoader()
        || !FastStart.on(FastStart.Piece.SCAN_CACHE)) {
      return null;
    }
    return JvmCache.classpathFile("graph-", flow.getName(), ".txt");
  }

  /** The scans kept in {@code file}, or null when there are none or they cannot be read. */
  static Scans read(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
        return null;
      }
      Map<String, List<TransitionScanner.Call>> calls = new HashMap<>();
      Map<String, Set<String>> touches = new HashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(" ", -1);
        if (f[0].equals("call") && f.length == 6) {
          calls.computeIfAbsent(decode(f[1]), k -> new ArrayList<>()).add(
              new TransitionScanner.Call(list(f[5]), f[4].equals(NONE) ? null : decode(f[4]),
                  f[3].equals("1"), Integer.parseInt(f[2])));
        } else if (f[0].equals("touch") && f.length == 3) {
          touches.put(decode(f[1]), f[2].equals(ALL) ? null : new HashSet<>(list(f[2])));
        } else {
          return null;
        }
      }
      return new Scans(calls, touches);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Keeps {@code scans} in {@code file}, all or nothing; a failure leaves no cache. */
  static void write(Path file, Scans scans) {
    if (file == null) {
      return;
    }
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    scans.calls().forEach((method, calls) -> {
      for (TransitionScanner.Call c : calls) {
        out.append("call ").append(encode(method)).append(' ').append(c.line()).append(' ')
            .append(c.foreach() ? '1' : '0').append(' ')
            .append(c.foreachField() == null ? NONE : encode(c.foreachField())).append(' ')
            .append(join(c.targets())).append('\n');
      }
    });
    scans.touches().forEach((step, fields) -> out.append("touch ").append(encode(step))
        .append(' ').append(fields == null ? ALL : join(fields)).append('\n'));
    JvmCache.writeText(file, out);
  }

  /** Comma-separated encoded names, or {@link #NONE}. */
  private static String join(Iterable<String> names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append(b.length() == 0 ? "" : ",").append(encode(n));
    }
    return b.length() == 0 ? NONE : b.toString();
  }

  private static List<String> list(String joined) {
    List<String> out = new ArrayList<>();
    if (!joined.equals(NONE)) {
      for (String n : joined.split(",")) {
        out.add(decode(n));
      }
    }
    return out;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
