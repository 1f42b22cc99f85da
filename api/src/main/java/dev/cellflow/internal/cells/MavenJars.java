package dev.cellflow.internal.cells;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The jars a {@code %maven group:artifact:version} line names, with their runtime dependencies,
 * read the same way by the kernel and by export. The resolving is done by a {@link Resolver}
 * found by {@link ServiceLoader} (Maven's resolver, in the module cellflow-maven), which the
 * kernel and {@code bin/cellflow export} have on their class path and exported or plain flow
 * jars do not: a flow does not carry 3.8 MB of resolver it never runs (issue 15).
 */
public final class MavenJars {
  /** group:artifact[:extension[:classifier]]:version, every part non-empty. */
  private static final Pattern COORDS = Pattern.compile("[^:\\s]+(:[^:\\s]+){2,4}");

  private MavenJars() {}

  /** Resolves Maven coordinates to jars; provided where {@code %maven} can be used. */
  public interface Resolver {
    /**
     * The jars of {@code coords} (checked to be coordinates), their dependencies after them;
     * a failure is a {@link MagicException} that starts with {@code magic} and the coordinate.
     */
    List<Path> resolve(String magic, List<String> coords);
  }

  /** The jars of the coordinates {@code args} names, their dependencies after them. */
  public static List<Path> resolve(String magic, List<String> args) {
    if (args.isEmpty()) {
      throw new MagicException(magic + ": give the artifact, as in " + magic
          + " tech.tablesaw:tablesaw-core:0.44.4");
    }
    for (String coords : args) {
      if (!COORDS.matcher(coords).matches()) {
        throw new MagicException(magic + " " + coords + ": not a Maven coordinate; write"
            + " group:artifact:version, as in " + magic + " tech.tablesaw:tablesaw-core:0.44.4");
      }
    }
    Resolver resolver = ServiceLoader.load(Resolver.class, MavenJars.class.getClassLoader())
        .findFirst().orElseThrow(() -> new MagicException(magic + " " + String.join(" ", args)
            + ": no Maven resolver here (cellflow-maven is not on the class path); use %maven"
            + " in cellflow's kernel or bin/cellflow export, or add the jars with"
            + " %classpath PATH"));
    return resolver.resolve(magic, args);
  }
}
