package dev.cellflow.batch.code;

import dev.cellflow.CellflowException;
import dev.cellflow.datastore.Storage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A run's code in S3, content-addressed: each classpath entry (a folder of classes zipped with
 * fixed timestamps, a jar as it is) is stored once under {@code _code/<sha256>.jar} in the
 * datastore, so a jar that an earlier run uploaded is not uploaded again. A manifest lists the
 * entries in classpath order, each with a presigned URL, and is itself reached by a presigned
 * URL: the container fetches its code with a plain HTTP client ({@code curl} or {@code wget}),
 * before any AWS SDK is on its classpath. Presigned URLs last at most 7 days, or as long as the
 * credentials that signed them (a role's session).
 *
 * @param manifestUrl the presigned URL of the manifest
 * @param entries the classpath entries, in order
 * @param uploaded how many of them this call uploaded
 * @param uploadedBytes their size
 */
public record CodePackage(String manifestUrl, int entries, int uploaded, long uploadedBytes) {
  /** How long the presigned URLs work: SigV4's longest. */
  public static final Duration URL_LIFETIME = Duration.ofDays(7);

  /**
   * Uploads what of {@code classpath} is not in {@code storage} yet, and a manifest under
   * {@code manifestKey}.
   */
  public static CodePackage upload(Storage storage, String classpath, String manifestKey,
      S3Presigner presigner) throws IOException {
    S3Url root = S3Url.parse(storage.root());
    StringBuilder manifest = new StringBuilder();
    int entries = 0;
    int uploaded = 0;
    long bytes = 0;
    for (String entry : classpath.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (entry.isBlank() || !Files.exists(p)) {
        continue; // the JVM ignores missing entries too
      }
      Path file = Files.isDirectory(p) ? zip(p) : p;
      try {
        String name = sha256(file) + ".jar";
        String key = "_code/" + name;
        if (!storage.exists(key)) {
          try (Storage.Staged s = storage.stage()) {
            Files.copy(file, s.out());
            s.commit(key, false);
          }
          uploaded++;
          bytes += Files.size(file);
        }
        manifest.append(name).append(' ')
            .append(root.presign(presigner, key, URL_LIFETIME)).append('\n');
        entries++;
      } finally {
        if (file != p) {
          Files.deleteIfExists(file);
        }
      }
    }
    if (entries == 0) {
      throw new CellflowException("the classpath '" + classpath + "' has nothing to send to AWS"
          + " Batch");
    }
    storage.put(manifestKey, manifest.toString().getBytes(StandardCharsets.UTF_8));
    return new CodePackage(root.presign(presigner, manifestKey, URL_LIFETIME), entries, uploaded,
        bytes);
  }

  /** Stores {@code bytes} under {@code key} and returns a presigned URL that reads them. */
  public static String publish(Storage storage, String key, byte[] bytes, S3Presigner presigner)
      throws IOException {
    storage.put(key, bytes);
    return S3Url.parse(storage.root()).presign(presigner, key, URL_LIFETIME);
  }

  /** {@code dir} as a jar whose bytes depend only on the files' paths and contents. */
  static Path zip(Path dir) throws IOException {
    Path out = Files.createTempFile("cellflow-code-", ".jar");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    files.sort(null);
    FileTime epoch = FileTime.fromMillis(0);
    try (OutputStream os = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(os)) {
      for (Path f : files) {
        ZipEntry e = new ZipEntry(dir.relativize(f).toString().replace(File.separatorChar, '/'));
        e.setLastModifiedTime(epoch);
        zip.putNextEntry(e);
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
    return out;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file),
        MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
