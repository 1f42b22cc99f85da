package dev.cellflow.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * {@code %jars PATH...} and {@code %classpath PATH...}: adds jars (globs allowed: {@code
 * lib/*.jar}) or class folders to the session; {@code %maven group:artifact:version...} adds an
 * artifact's jars with their runtime dependencies. Added jars go with {@code %batch} cells.
 */
final class JarsMagic implements LineMagic<Object, BaseKernel> {
  private final CellflowKernel kernel;
  private final boolean maven;

  /** {@code maven}: this is {@code %maven}, whose arguments are coordinates, not paths. */
  JarsMagic(CellflowKernel kernel, boolean maven) {
    this.kernel = kernel;
    this.maven = maven;
  }

  @Override
  public Object eval(BaseKernel k, List<String> args) throws IOException {
    if (maven) {
      if (args.isEmpty() || args.contains("--help")) {
        return "%maven group:artifact:version...: adds the artifacts' jars and their runtime"
            + " dependencies to the session, from the local Maven repository (~/.m2) or else"
            + " Maven Central; %batch cells and exported jars take them with them";
      }
      List<Path> found = dev.cellflow.internal.cells.MavenJars.resolve("%maven", args);
      kernel.addToClasspath(found);
      return "added " + found.stream().map(p -> p.getFileName().toString()).toList();
    }
    if (args.isEmpty() || args.contains("--help")) {
      return "%jars PATH... / %classpath PATH...: adds jars or class folders to the session"
          + " (globs such as lib/*.jar; several paths, or one joined with "
          + File.pathSeparator + "); %batch cells take the added jars with them";
    }
    // read as export reads it, so an exported notebook gets the same jars
    List<Path> found = dev.cellflow.internal.cells.Jars.resolve("%jars", args);
    kernel.addToClasspath(found);
    return "added " + found.stream().map(Path::toString).toList();
  }
}
