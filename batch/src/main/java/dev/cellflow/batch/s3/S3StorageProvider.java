package dev.cellflow.batch.s3;

import dev.cellflow.datastore.Storage;
import dev.cellflow.datastore.StorageProvider;

/** The provider for {@code --datastore s3}. */
public final class S3StorageProvider implements StorageProvider {
  @Override
  public String name() {
    return "s3";
  }

  @Override
  public Storage open(String root) {
    return new S3Storage(S3Clients.create(), root);
  }
}
