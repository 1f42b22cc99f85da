package dev.cellflow.kernel;

import dev.cellflow.kernel.magic.MagicException;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * {@code %jars PATH...} and {@code %classpath PATH...}: adds jars (globs allowed: {@code
 * lib/*.jar}) or class folders to the session. Added jars go with {@code %batch} cells.
 */
final class JarsMagic implements LineMagic<Object, BaseKernel> {
  private final CellflowKernel kernel;

  JarsMagic(CellflowKernel kernel) {
    this.kernel = kernel;
  }

  @Override
  public Object eval(BaseKernel k, List<String> args) throws IOException {
    if (args.isEmpty() || args.contains("--help")) {
      return "%jars PATH... / %classpath PATH...: adds jars or class folders to the session"
          + " (globs such as lib/*.jar; several paths, or one joined with "
          + File.pathSeparator + "); %batch cells take the added jars with them";
    }
    List<Path> found = new ArrayList<>();
    for (String arg : args) {
      for (String p : arg.split(File.pathSeparator)) {
        if (!p.isBlank()) {
          found.addAll(resolve(p));
        }
      }
    }
    kernel.addToClasspath(found);
    return "added " + found.stream().map(Path::toString).toList();
  }

  private static List<Path> resolve(String pattern) throws IOException {
    if (!pattern.contains("*") && !pattern.contains("?")) {
      Path p = Path.of(pattern).toAbsolutePath();
      if (!Files.exists(p)) {
        throw new MagicException("%jars: " + pattern + " does not exist (looked for " + p + ")");
      }
      return List.of(p);
    }
    Path dir = Path.of(pattern).toAbsolutePath().getParent();
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:"
        + Path.of(pattern).toAbsolutePath());
    List<Path> out;
    try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      out = s.filter(m::matches).sorted().toList();
    }
    if (out.isEmpty()) {
      throw new MagicException("%jars: nothing matches " + pattern);
    }
    return out;
  }
}
