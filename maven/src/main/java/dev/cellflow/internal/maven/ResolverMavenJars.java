package dev.cellflow.internal.maven;

import dev.cellflow.internal.cells.MagicException;
import dev.cellflow.internal.cells.MavenJars;
import dev.cellflow.internal.config.Config;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * {@code %maven}'s {@link MavenJars.Resolver}: Maven's own resolver, found by ServiceLoader where
 * this module is on the class path (the kernel, {@code bin/cellflow export}). It reads from the
 * local repository ({@code ~/.m2/repository}, or {@code -Dmaven.repo.local}) when everything is there,
 * so a machine without network resolves what Maven already fetched; else from the remote
 * repository, into the local one: Maven Central, or the setting {@code mavenRemote} ({@code
 * CELLFLOW_MAVEN_REMOTE}: a mirror's URL, or {@code off} for the local repository alone).
 */
public final class ResolverMavenJars implements MavenJars.Resolver {
  /** Where artifacts not yet in the local repository come from, unless set otherwise. */
  static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

  /** For ServiceLoader. */
  public ResolverMavenJars() {}

  @Override
  public List<Path> resolve(String magic, List<String> args) {
    return resolve(magic, args, Config.load());
  }

  /** As {@link #resolve(String, List)}, with the settings {@code config}. */
  static List<Path> resolve(String magic, List<String> args, Config config) {
    String remote = config.get("mavenRemote", CENTRAL);
    Set<Path> out = new LinkedHashSet<>();
    for (String coords : args) {
      out.addAll(resolveOne(magic, coords, remote.equals("off") ? null : remote));
    }
    return List.copyOf(out);
  }

  private static List<Path> resolveOne(String magic, String coords, String remote) {
    DefaultArtifact artifact;
    try {
      artifact = new DefaultArtifact(coords);
    } catch (IllegalArgumentException e) {
      throw new MagicException(magic + " " + coords + ": not a Maven coordinate; write"
          + " group:artifact:version, as in " + magic + " tech.tablesaw:tablesaw-core:0.44.4");
    }
    RepositorySystem system = new RepositorySystemSupplier().get();
    try {
      try {
        return jars(system, artifact, remote, true); // all in the local repository: no network
      } catch (DependencyResolutionException offline) {
        if (remote == null) {
          throw offline;
        }
        return jars(system, artifact, remote, false);
      }
    } catch (DependencyResolutionException e) {
      throw new MagicException(magic + " " + coords + ": cannot be resolved from "
          + localRepository() + (remote == null ? " (CELLFLOW_MAVEN_REMOTE=off)" : " nor "
          + remote) + ": " + rootMessage(e) + "; check the coordinate, or add the jar with"
          + " %jars PATH");
    } finally {
      system.shutdown();
    }
  }

  private static List<Path> jars(RepositorySystem system, DefaultArtifact artifact,
      String remote, boolean offline) throws DependencyResolutionException {
    DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
    session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
        new LocalRepository(localRepository().toFile())));
    session.setOffline(offline);
    // "central": what Maven itself calls it, so the artifacts it fetched count as fetched here
    // (offline, no request leaves this machine whatever the URL)
    List<RemoteRepository> repos = List.of(new RemoteRepository.Builder("central", "default",
        remote == null ? CENTRAL : remote).build());
    CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME),
        repos);
    DependencyRequest request = new DependencyRequest(collect,
        DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
    List<Path> out = new ArrayList<>();
    for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
      File f = r.getArtifact().getFile();
      if (f != null) {
        out.add(f.toPath().toAbsolutePath());
      }
    }
    return out;
  }

  /** The local repository: {@code maven.repo.local}, else {@code ~/.m2/repository}. */
  static Path localRepository() {
    String set = System.getProperty("maven.repo.local");
    return set != null && !set.isBlank() ? Path.of(set)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage()).lines().findFirst().orElse("").strip();
  }
}
