package dev.cellflow.internal.serialize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.metadata.ArtifactRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSerializerTest {
  @TempDir Path root;

  /** Not Serializable: only the record path stores it. */
  record Sample(String name, double[][] data, List<Integer> ids, Inner inner, String missing) {}

  record Inner(int x) {}

  @Test
  void aRecordComesBackThroughItsComponentsSerializers() throws IOException {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "F");
    Sample s = new Sample("a", new double[][] {{1, 2}, {3}}, List.of(4, 5), new Inner(6), null);
    ArtifactRef ref = ds.putArtifact(s);
    assertEquals("record", ref.serializer());
    Sample back = (Sample) ds.getArtifact(ref, getClass().getClassLoader());
    assertEquals("a", back.name());
    assertArrayEquals(s.data()[0], back.data()[0]);
    assertArrayEquals(s.data()[1], back.data()[1]);
    assertEquals(List.of(4, 5), back.ids());
    assertEquals(new Inner(6), back.inner());
    assertNull(back.missing());
  }

  /** A record whose component cannot be stored. */
  record Holder(Object lock) {}

  @Test
  void aRecordWithAnUnstorableComponentIsNotTaken() {
    assertFalse(new RecordSerializer().canWrite(new Holder(new Object())));
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "F");
    IOException e = assertThrows(IOException.class, () -> ds.putArtifact(new Holder(new Object())));
    assertTrue(e.getMessage().contains("not Serializable"), e.getMessage());
  }
}
