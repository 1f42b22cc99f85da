package dev.cellflow.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
    // read as export reads it, so an exported notebook gets the same jars
    List<Path> found = dev.cellflow.internal.cells.Jars.resolve("%jars", args);
    kernel.addToClasspath(found);
    return "added " + found.stream().map(Path::toString).toList();
  }
}
