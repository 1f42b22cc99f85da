package dev.cellflow.internal.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NotebookExport#writeJar} ({@link RunnableJar}): what a class path would see, the largest
 * jar's entries copied as they are.
 */
class RunnableJarTest {
  @TempDir Path dir;

  /** Compressible but not trivially: level 1 and the default level give different sizes. */
  private static final String TEXT;

  static {
    StringBuilder s = new StringBuilder();
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < 20_000; i++) {
      s.append("word").append(r.nextInt(500)).append(' ');
    }
    TEXT = s.toString();
  }

  private static void entry(ZipOutputStream z, String name, String text, int method)
      throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ZipEntry e = new ZipEntry(name);
    if (method == ZipEntry.STORED) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(b);
      e.setMethod(ZipEntry.STORED);
      e.setSize(b.length);
      e.setCompressedSize(b.length);
      e.setCrc(crc.getValue());
    }
    z.putNextEntry(e);
    z.write(b);
    z.closeEntry();
  }

  private Path jar(String name, int level, Map<String, String> entries, String stored)
      throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(out)) {
      z.setLevel(level);
      for (Map.Entry<String, String> e : entries.entrySet()) {
        entry(z, e.getKey(), e.getValue(), ZipEntry.DEFLATED);
      }
      if (stored != null) {
        entry(z, stored, TEXT, ZipEntry.STORED);
      }
    }
    return p;
  }

  private static String text(JarFile j, String name) throws IOException {
    ZipEntry e = j.getEntry(name);
    return e == null ? null : new String(j.getInputStream(e).readAllBytes(),
        StandardCharsets.UTF_8);
  }

  @Test
  void firstEntryWinsServicesMergeForeignMetadataGoesAndTheLargestJarIsCopiedRaw()
      throws Exception {
    Path small = jar("small.jar", Deflater.DEFAULT_COMPRESSION, Map.of("shadow.txt", "first",
        "META-INF/services/S", "b"), null);
    Path base = jar("base.jar", Deflater.BEST_SPEED, Map.of("shadow.txt", "second",
        "big.txt", TEXT, "META-INF/services/S", "a", "META-INF/MANIFEST.MF", "Main-Class: X\n",
        "META-INF/SIGNER.SF", "sig", "module-info.class", "m", "p/Base.class", "base"),
        "stored.bin");
    Path folder = Files.createDirectories(dir.resolve("classes"));
    Files.writeString(Files.createDirectories(folder.resolve("q")).resolve("Dir.class"), "dir");
    Files.writeString(folder.resolve("shadow.txt"), "third");

    Path out = dir.resolve("out.jar");
    new NotebookExport("F", "cellflow.notebooks.F", Map.of("cellflow.notebooks.F",
        "flow".getBytes(StandardCharsets.UTF_8), "p.Base", "flow's own".getBytes(
        StandardCharsets.UTF_8)), List.of(), "").writeJar(out, String.join(File.pathSeparator,
        small.toString(), base.toString(), folder.toString()));

    try (JarFile j = new JarFile(out.toFile()); JarFile b = new JarFile(base.toFile())) {
      assertEquals("cellflow.notebooks.F", j.getManifest().getMainAttributes()
          .getValue(Attributes.Name.MAIN_CLASS));
      assertEquals("flow", text(j, "cellflow/notebooks/F.class"));
      assertEquals("flow's own", text(j, "p/Base.class")); // the flow's classes come first
      assertEquals("first", text(j, "shadow.txt")); // class path order, not jar size
      assertEquals("dir", text(j, "q/Dir.class"));
      assertEquals("b\na\n", text(j, "META-INF/services/S"));
      assertNull(j.getEntry("META-INF/SIGNER.SF"));
      assertNull(j.getEntry("module-info.class"));
      assertEquals(TEXT, text(j, "big.txt"));
      // copied as they were: deflated at the base's level, and stored entries stay stored
      // (inflating and deflating again gave the default level's size and deflated them all)
      assertEquals(b.getEntry("big.txt").getCompressedSize(),
          j.getEntry("big.txt").getCompressedSize());
      assertEquals(ZipEntry.STORED, j.getEntry("stored.bin").getMethod());
      assertEquals(TEXT, text(j, "stored.bin"));
    }
  }

  @Test
  void withoutJarsTheClassesAndFoldersMakeTheJar() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("classes"));
    Files.writeString(folder.resolve("a.txt"), "a");
    Path out = dir.resolve("out.jar");
    new NotebookExport("F", "F", Map.of("F", new byte[] {1}), List.of(), "").writeJar(out,
        folder.toString());
    try (JarFile j = new JarFile(out.toFile())) {
      assertEquals("a", text(j, "a.txt"));
      assertEquals(1, j.getInputStream(j.getEntry("F.class")).readAllBytes()[0]);
    }
  }

  @Test
  void cellflowsMavenResolverStaysOutButANotebooksJarsKeepTheirClasses() throws Exception {
    // the launcher's fat jar (the base) and a second cellflow jar both carry %maven's resolver
    Path launcher = jar("launcher.jar", Deflater.BEST_SPEED, Map.of("big.txt", TEXT,
        "org/eclipse/aether/R.class", "r", "dev/cellflow/internal/maven/M.class", "m",
        "META-INF/services/dev.cellflow.internal.cells.MavenJars$Resolver", "M",
        "org/apache/http/Client.class", "c", "dev/cellflow/Flow.class", "f"), null);
    Path model = jar("model.jar", Deflater.DEFAULT_COMPRESSION, Map.of(
        "org/apache/maven/model/Model.class", "model", "kept.txt", "kept"), null);
    Path notebooks = jar("http.jar", Deflater.DEFAULT_COMPRESSION, Map.of(
        "org/apache/http/Mine.class", "mine"), null);
    Path out = dir.resolve("out.jar");
    new NotebookExport("F", "F", Map.of("F", new byte[] {1}), List.of(notebooks), "")
        .writeJar(out, launcher + File.pathSeparator + model);
    try (JarFile j = new JarFile(out.toFile())) {
      for (String gone : List.of("org/eclipse/aether/R.class",
          "dev/cellflow/internal/maven/M.class", "org/apache/http/Client.class",
          "META-INF/services/dev.cellflow.internal.cells.MavenJars$Resolver",
          "org/apache/maven/model/Model.class")) {
        assertNull(j.getEntry(gone), gone);
      }
      assertEquals("f", text(j, "dev/cellflow/Flow.class"));
      assertEquals("kept", text(j, "kept.txt"));
      assertEquals("mine", text(j, "org/apache/http/Mine.class"));
    }
  }
}
