package dev.cellflow.datastore;

/**
 * Opens a {@link Storage} for a datastore kind ({@code local}, {@code s3}). Found by {@link
 * java.util.ServiceLoader}; a module adds a kind by listing its provider in {@code
 * META-INF/services/dev.cellflow.datastore.StorageProvider}.
 */
public interface StorageProvider {
  /** The datastore kind, as given to {@code --datastore}. */
  String name();

  /** Opens the storage at {@code root}; a clear error when it cannot be used. */
  Storage open(String root);
}
