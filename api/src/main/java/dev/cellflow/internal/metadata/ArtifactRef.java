package dev.cellflow.internal.metadata;

/**
 * Where an artifact's value is: a content key (null for a null value), the serializer that wrote
 * it, the value's class, the stored size in bytes, and a checksum of the stored bytes that every
 * read verifies ({@code crc32c:} and 8 hex digits; null in refs written before checksums, whose
 * reads verify the SHA-256 in the content key instead).
 */
public record ArtifactRef(String key, String serializer, String type, long size,
    String checksum) {

  /** A ref without a checksum (reads verify the content key's SHA-256). */
  public ArtifactRef(String key, String serializer, String type, long size) {
    this(key, serializer, type, size, null);
  }
}
