package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.client.Artifact;
import dev.cellflow.client.Flow;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.local.LocalBackend;
import dev.cellflow.testing.Needs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An artifact larger than any one Java array (2^31-1 elements) can be: 3.2 GB. */
class LargeArtifactIT {
  @TempDir Path root;

  @Test
  void aThreeGigabyteMatrixGoesFromOneTaskToTheNext() {
    long mb = LocalBackend.machineMemoryMb();
    Needs.optIn(mb >= 16_000, "this machine has " + mb + " MB; the test"
        + " needs two 7000 MB task processes, one after the other, and room to spare");
    Runs.Result r = Runs.cli(Flows.BigArtifact.class, root, "run");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("rows 25000, same sum true"), r.out());
    Artifact m = Flow.in(new LocalStorage(root), "BigArtifact")
        .latestRun().orElseThrow().step("start").task().artifact("m");
    assertEquals("[[D", m.type());
    assertTrue(m.size() > 3_000_000_000L, "stored " + m.size() + " bytes");
  }
}
