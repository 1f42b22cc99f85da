package dev.cellflow.internal.cli;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import picocli.CommandLine.Option;

/** {@code --datastore} and {@code --datastore-root}, over the configuration. */
final class DatastoreOptions {
  @Option(names = "--datastore", paramLabel = "KIND",
      description = "local (default) or s3; or CELLFLOW_DATASTORE")
  String datastore;

  @Option(names = "--datastore-root", paramLabel = "ROOT",
      description = "where runs are kept (default .cellflow); or CELLFLOW_DATASTORE_ROOT")
  String root;

  String kind(Config c) {
    return datastore != null ? datastore : c.datastore();
  }

  String root(Config c) {
    return root != null ? root : c.datastoreRoot();
  }

  FlowDatastore open(Config c, String flow) {
    String r = root(c);
    if (r.isBlank()) { // the working directory itself would be the store, mixed with its files
      throw new CellflowException("--datastore-root is empty: give a folder (default"
          + " .cellflow) or s3://BUCKET/PREFIX");
    }
    return new FlowDatastore(Datastores.open(kind(c), r,
        datastore != null ? "--datastore" : c.where("datastore")), flow);
  }
}
