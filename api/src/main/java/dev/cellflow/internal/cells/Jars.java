package dev.cellflow.internal.cells;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The paths a {@code %jars} or {@code %classpath} line names, read the same way by the kernel and
 * by export: several paths, or one joined with the path separator; a glob ({@code lib/*.jar})
 * matches files of its folder. Relative paths are read from the working directory.
 */
public final class Jars {
  private Jars() {}

  /** The jars or class folders {@code args} name, globs expanded, each checked to exist. */
  public static List<Path> resolve(String magic, List<String> args) {
    List<Path> found = new ArrayList<>();
    for (String arg : args) {
      for (String p : arg.split(File.pathSeparator)) {
        if (!p.isBlank()) {
          found.addAll(resolveOne(magic, p));
        }
      }
    }
    return found;
  }

  private static List<Path> resolveOne(String magic, String pattern) {
    if (!pattern.contains("*") && !pattern.contains("?")) {
      Path p = Path.of(pattern).toAbsolutePath();
      if (!Files.exists(p)) {
        throw new MagicException(magic + ": " + pattern + " does not exist (looked for " + p
            + ")");
      }
      return List.of(p);
    }
    Path dir = Path.of(pattern).toAbsolutePath().getParent();
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:"
        + Path.of(pattern).toAbsolutePath());
    List<Path> out;
    try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      out = s.filter(m::matches).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.isEmpty()) {
      throw new MagicException(magic + ": nothing matches " + pattern + " (looked in " + dir
          + ")");
    }
    return out;
  }
}
