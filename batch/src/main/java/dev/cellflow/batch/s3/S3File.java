package dev.cellflow.batch.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An object {@link S3} downloaded: its key, and the local file that holds it until the {@link S3}
 * is closed.
 *
 * @param key the key, relative to the {@link S3}'s prefix
 * @param path the downloaded file
 * @param size its size in bytes
 */
public record S3File(String key, Path path, long size) {
  /** The contents. */
  public byte[] bytes() throws IOException {
    return Files.readAllBytes(path);
  }

  /** The contents as UTF-8 text. */
  public String text() throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
