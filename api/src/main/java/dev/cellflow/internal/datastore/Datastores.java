package dev.cellflow.internal.datastore;

import dev.cellflow.CellflowException;
import dev.cellflow.datastore.Storage;
import dev.cellflow.datastore.StorageProvider;
import java.util.ArrayList;
import java.util.List;

/** Opens storage by datastore kind, through the {@link StorageProvider}s on the classpath. */
public final class Datastores {
  private Datastores() {}

  /** The storage of kind {@code kind} at {@code root}. */
  public static Storage open(String kind, String root) {
    return open(kind, root, "--datastore");
  }

  /**
   * The storage of kind {@code kind} at {@code root}; {@code from} (a flag, a variable) names
   * where the kind came from when it is not one this classpath has.
   */
  public static Storage open(String kind, String root, String from) {
    List<String> known = new ArrayList<>();
    for (StorageProvider p : java.util.ServiceLoader.load(StorageProvider.class,
        Datastores.class.getClassLoader())) {
      if (p.name().equals(kind)) {
        return p.open(root);
      }
      known.add(p.name());
    }
    String hint = kind.equals("s3")
        ? "; the s3 datastore is in the cellflow batch module (dev.cellflow:cellflow-batch):"
            + " add it to the classpath"
        : "";
    throw new CellflowException("unknown datastore '" + kind + "' (from " + from
        + "): this classpath has " + known + hint);
  }
}
