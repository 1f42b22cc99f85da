package dev.cellflow.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cellflow.RunStatus;
import dev.cellflow.datastore.Storage;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.metadata.RunMeta;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowTest {

  @Test
  void aFlowIsReadFromAStorageWithoutInternalTypes(@TempDir Path root) throws Exception {
    Storage storage = new LocalStorage(root); // in a user's code: their own StorageProvider's
    new FlowDatastore(storage, "BigSum").newRun(new RunMeta("BigSum", "x.BigSum", 0, "me",
        RunStatus.SUCCEEDED, 1, 2, Map.of(), List.of(), null));

    Flow flow = Flow.in(storage, "BigSum");

    assertEquals("BigSum", flow.name());
    assertEquals(1, flow.latestSuccessfulRun().orElseThrow().id());
  }
}
