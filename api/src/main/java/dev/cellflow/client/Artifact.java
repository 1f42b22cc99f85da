package dev.cellflow.client;

import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;

/** An artifact of a task: its name, type and size at once, its value when asked for. */
public final class Artifact implements ClientObject {
  private final FlowDatastore ds;
  private final String pathspec;
  private final String name;
  private final ArtifactRef ref;
  private Object value;
  private boolean loaded;

  Artifact(FlowDatastore ds, String pathspec, String name, ArtifactRef ref) {
    this.ds = ds;
    this.pathspec = pathspec;
    this.name = name;
    this.ref = ref;
  }

  @Override
  public String pathspec() {
    return pathspec;
  }

  /** The field's name. */
  public String name() {
    return name;
  }

  /** The value's class name ({@code null} for a null value). */
  public String type() {
    return ref.type();
  }

  /** The stored size in bytes. */
  public long size() {
    return ref.size();
  }

  /** The value, loaded from the datastore the first time it is asked for. */
  @SuppressWarnings("unchecked")
  public synchronized <T> T value() {
    if (!loaded) {
      try {
        value = ds.getArtifact(ref, Thread.currentThread().getContextClassLoader(), name,
            pathspec.substring(0, pathspec.lastIndexOf('/')));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      loaded = true;
    }
    return (T) value;
  }

  @Override
  public String toString() {
    return "Artifact(" + pathspec + ": " + type() + ", " + size() + " bytes)";
  }
}
