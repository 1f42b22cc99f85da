package dev.cellflow.metadata;

/**
 * Where an artifact's value is: a content key (null for a null value), the serializer that wrote
 * it, the value's class, and the stored size in bytes.
 */
public record ArtifactRef(String key, String serializer, String type, long size) {}
