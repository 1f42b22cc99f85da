package dev.cellflow.internal.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cellflow.compute.SplitFrame;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.TaskResult;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmReadsTest {
  @TempDir
  Path root;

  /**
   * A flow with state gets a new loader per task: the splits of its foreach must still share
   * the worker's copy of the collection when its elements are JDK values (the same class in
   * every loader), not read it all again per split.
   */
  @Test
  void aNewLoaderReusesTheCollectionOfJdkValues() throws Exception {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Warm");
    long now = System.nanoTime(); // a collection no other test stored
    ArtifactRef ref = ds.putArtifact(List.of("a" + now, "b" + now, "c" + now));
    TaskResult start = new TaskResult(List.of("square"), "items", 3, Map.of("items", ref));
    ClassLoader parent = WarmReadsTest.class.getClassLoader();
    try (URLClassLoader first = new URLClassLoader(new URL[0], parent);
        URLClassLoader second = new URLClassLoader(new URL[0], parent)) {
      Object read = WarmReads.foreachInput(ds, 1, start, split(1), first);
      assertEquals("b" + now, read);
      // a second read of the collection would deserialize a new String
      assertSame(read, WarmReads.foreachInput(ds, 1, start, split(1), second),
          "the collection was read again for a task with a new loader");
      assertEquals("c" + now, WarmReads.foreachInput(ds, 1, start, split(2), second));
    }
  }

  private static SplitFrame split(int index) {
    return new SplitFrame("start", 1, index, 3, true);
  }
}
