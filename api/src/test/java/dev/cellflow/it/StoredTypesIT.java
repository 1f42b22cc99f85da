package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.records.ReadBack;
import com.example.records.RecordsFlow;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Task;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow started from its own main, in its own JVM, hands plain records, lists and maps of them,
 * an Optional and a lambda from step to step; the Client API reads them back once the caller
 * names the flow's class in code, and not before.
 */
class StoredTypesIT {
  @TempDir Path root;

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void recordsCollectionsOfThemAndALambdaGoFromStepToStepAndToTheClientApi() throws Exception {
    Process p = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
        RecordsFlow.class.getName(), "run", "--datastore-root", root.toString())
        .redirectErrorStream(true).start();
    Runs.Result r = Runs.finish(p);
    // before: "List<Pt> is not storable: com.example.records.RecordsFlow$Pt is not Serializable"
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("pts=[Pt[x=1, y=2], Pt[x=30, y=40], Pt[x=105, y=40]]"
        + " total=248 shift(1)=101"), r.out());

    Task middle = Flow.in(new LocalStorage(root), "RecordsFlow").run(1)
        .step("middle").task();
    // the run's record names the flow class; that alone trusts nothing
    // (an UncheckedIOException, or the datastore's own error naming the artifact)
    RuntimeException refused = assertThrows(RuntimeException.class,
        () -> middle.artifact("pts").value());
    assertTrue(refused.getMessage().contains("com.example.records.RecordsFlow$Pt")
        && refused.getMessage().contains("Flow.of(RecordsFlow.class)"), refused.getMessage());

    // a user's program that opens the flow by its class reads them
    ProcessBuilder read = new ProcessBuilder(java(), "-cp",
        System.getProperty("java.class.path"), ReadBack.class.getName()).redirectErrorStream(true);
    read.environment().put("CELLFLOW_DATASTORE_ROOT", root.toString());
    Runs.Result back = Runs.finish(read.start());
    assertEquals(0, back.code(), back.out());
    assertEquals("read Pt[x=105, y=40] shift(2)=102\n", back.out());
  }
}
