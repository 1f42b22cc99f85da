package dev.cellflow.internal.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * {@link ServiceLoader}, with the provider classes it finds kept in cellflow's per-machine cache
 * for a class path of unchanged jars, so that a later JVM on the same class path makes the same
 * providers, in the same order, without looking them up.
 *
 * <p>Why: looking them up opens each jar of the class path through its URL and reads every
 * {@code META-INF/services} file, and for a JVM whose classes all come from a class-data archive
 * it was the only reason to open the jar at all. Opening a jar of 10,000 entries (a flow's
 * shaded jar with the AWS SDK) cost a starting JVM about 35 ms of CPU, and a run starts three.
 * The cache is used only for the class path's own loader where every entry is a jar (the key
 * names each with its size and time, as the class-data archives' keys do); anything else, and
 * any cached provider that cannot be made, goes to {@link ServiceLoader} as before.
 */
public final class Services {
  private Services() {}

  /** The providers of {@code service} that {@code loader} sees, in {@link ServiceLoader}'s order. */
  public static <S> List<S> load(Class<S> service, ClassLoader loader) {
    Path file = file(service, loader);
    List<S> cached = cached(file, service, loader);
    if (cached != null) {
      return cached;
    }
    List<S> out = new ArrayList<>();
    StringBuilder names = new StringBuilder();
    for (S s : ServiceLoader.load(service, loader)) {
      out.add(s);
      names.append(s.getClass().getName()).append('\n');
    }
    if (file != null) {
      JvmCache.writeText(file, names);
    }
    return out;
  }

  /** The cache file for {@code service} on {@code loader}, or null where there is none. */
  static Path file(Class<?> service, ClassLoader loader) {
    if (loader != ClassLoader.getSystemClassLoader()
        || !FastStart.on(FastStart.Piece.SERVICE_CACHE)) {
      return null;
    }
    return JvmCache.classpathFile("services-", service.getName(), ".txt");
  }

  /** The providers named in {@code file}, made; null when there is no file or one fails. */
  static <S> List<S> cached(Path file, Class<S> service, ClassLoader loader) {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      List<S> out = new ArrayList<>();
      for (String name : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!name.isEmpty()) {
          out.add(Class.forName(name, true, loader).asSubclass(service)
              .getConstructor().newInstance());
        }
      }
      return out;
    } catch (IOException | ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null; // ServiceLoader says what is wrong, if anything is
    }
  }
}
