package dev.cellflow.internal.cells;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Writes a runnable jar from class files and the jars and class folders of a class path, as one
 * class path would see them: the first of two same-named entries wins, service files of one name
 * are merged, and other jars' manifests, signatures and module descriptors are left out.
 *
 * <p>Why it is fast: the largest jar of the class path (cellflow's own fat jar, tens of MB) is
 * copied as a file and edited in place through the JDK's zip file system, which keeps the
 * entries it is not asked to change as they are, compressed bytes included. Inflating and
 * deflating each of its entries again took 10 to 50 s on a loaded machine; copying them takes
 * well under a second. Entries of the other jars and folders are added (and compressed) one by
 * one.
 */
final class RunnableJar {
  private final FileSystem zip;
  private final Set<String> written = new HashSet<>();
  private final Map<String, StringBuilder> services = new LinkedHashMap<>();

  private RunnableJar(FileSystem zip) {
    this.zip = zip;
  }

  /** Entries of cellflow-maven and of the libraries only Maven's resolver uses. */
  private static final List<String> RESOLVER = List.of("dev/cellflow/internal/maven/",
      "META-INF/services/dev.cellflow.internal.cells.MavenJars$Resolver", "org/eclipse/aether/",
      "org/apache/maven/", "org/codehaus/plexus/", "org/apache/http/", "META-INF/maven/org.apache",
      "META-INF/maven/org.codehaus.plexus/", "META-INF/plexus/", "META-INF/sisu/");

  /**
   * Writes {@code to} (not yet existing) with the manifest {@code mf}, {@code classes} (class
   * files by binary name) and the contents of {@code bundle}, in class path order; of the
   * elements in {@code cellflow} (cellflow's own class path), %maven's resolver is left out.
   */
  static void write(Path to, Manifest mf, Map<String, byte[]> classes, List<Path> bundle,
      Set<Path> cellflow) throws IOException {
    Path base = largestJar(bundle);
    if (base != null) {
      Files.copy(base, to);
    }
    try (FileSystem fs = FileSystems.newFileSystem(to, Map.of("create", "true"))) {
      RunnableJar out = new RunnableJar(fs);
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        out.put(c.getKey().replace('.', '/') + ".class", c.getValue());
      }
      boolean baseDone = false;
      for (Path p : bundle) {
        boolean own = cellflow.contains(p);
        if (p.equals(base) && !baseDone) {
          baseDone = true;
          out.keepBase(p, own);
        } else if (Files.isDirectory(p)) {
          try (var walk = Files.walk(p)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
              out.copy(p.relativize(f).toString().replace('\\', '/'), Files.newInputStream(f),
                  own);
            }
          }
        } else if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
          try (JarFile in = new JarFile(p.toFile())) {
            for (JarEntry e : Collections.list(in.entries())) {
              if (!e.isDirectory()) {
                out.copy(e.getName(), in.getInputStream(e), own);
              }
            }
          }
        }
      }
      for (Map.Entry<String, StringBuilder> s : out.services.entrySet()) {
        out.replace(s.getKey(), s.getValue().toString().getBytes(StandardCharsets.UTF_8));
      }
      java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
      mf.write(m);
      out.replace(JarFile.MANIFEST_NAME, m.toByteArray());
    }
  }

  /** The largest jar file of {@code bundle}, or null if it has none. */
  private static Path largestJar(List<Path> bundle) throws IOException {
    Path best = null;
    long size = -1;
    for (Path p : bundle) {
      if (Files.isRegularFile(p) && p.toString().endsWith(".jar") && Files.size(p) > size) {
        best = p;
        size = Files.size(p);
      }
    }
    return best;
  }

  /**
   * The base jar's turn in class path order: its entries stay where an earlier element did not
   * already write one of the same name (that one replaced it); those left out are removed and
   * its service files are taken into the merge.
   */
  private void keepBase(Path base, boolean own) throws IOException {
    List<String> names = new ArrayList<>();
    List<String> resolverFolders = new ArrayList<>();
    try (JarFile in = new JarFile(base.toFile())) {
      for (JarEntry e : Collections.list(in.entries())) {
        if (!e.isDirectory()) {
          names.add(e.getName());
        } else if (own && resolver(e.getName())) {
          resolverFolders.add(e.getName());
        }
      }
    }
    for (String name : names) {
      Path p = zip.getPath(name);
      if (leftOut(name) || own && resolver(name)) {
        Files.deleteIfExists(p);
      } else if (name.startsWith("META-INF/services/")) {
        if (Files.exists(p)) {
          merge(name, Files.readAllBytes(p));
          Files.delete(p);
        }
      } else {
        written.add(name); // kept as it is, unless an earlier element's entry already replaced it
      }
    }
    resolverFolders.sort(Collections.reverseOrder()); // a folder's subfolders first
    for (String folder : resolverFolders) {
      try {
        Files.deleteIfExists(zip.getPath(folder));
      } catch (java.nio.file.DirectoryNotEmptyException e) {
        // the flow's own classes are in it: it stays
      }
    }
  }

  private void copy(String name, InputStream in, boolean own) throws IOException {
    try (in) {
      if (leftOut(name) || own && resolver(name)) {
        return;
      }
      if (name.startsWith("META-INF/services/")) {
        merge(name, in.readAllBytes());
      } else if (!written.contains(name)) {
        put(name, in.readAllBytes());
      }
    }
  }

  private void merge(String name, byte[] bytes) {
    services.computeIfAbsent(name, k -> new StringBuilder())
        .append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
  }

  /** Writes {@code name} unless written already: the first of two same-named entries wins. */
  private void put(String name, byte[] bytes) throws IOException {
    if (written.add(name)) {
      replace(name, bytes);
    }
  }

  private void replace(String name, byte[] bytes) throws IOException {
    Path p = zip.getPath(name);
    if (p.getParent() != null) {
      Files.createDirectories(p.getParent());
    }
    Files.write(p, bytes);
  }

  /**
   * Whether {@code name}, in cellflow's own class path, is {@code %maven}'s resolver
   * (cellflow-maven and what only it uses): export and the kernel run it, a flow never does, so
   * an exported jar goes without its 3.8 MB and carries the jars it resolved instead. Only
   * cellflow's elements are filtered: a notebook's own jars keep, say, their Apache HttpClient.
   */
  static boolean resolver(String name) {
    return RESOLVER.stream().anyMatch(name::startsWith);
  }

  /** Another jar's manifest, signatures and module descriptors do not hold in this one. */
  private static boolean leftOut(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return upper.equals("META-INF/MANIFEST.MF") || upper.endsWith(".SF")
        || upper.endsWith(".DSA") || upper.endsWith(".RSA") || upper.equals("MODULE-INFO.CLASS")
        || upper.startsWith("META-INF/VERSIONS/") && upper.endsWith("MODULE-INFO.CLASS");
  }
}
