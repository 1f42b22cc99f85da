package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.records.RecordsFlow;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Task;
import dev.cellflow.datastore.FlowDatastore;
import dev.cellflow.datastore.LocalStorage;
import dev.cellflow.serialize.AllowList;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow started from its own main, in its own JVM, hands plain records, lists and maps of them,
 * an Optional and a lambda from step to step; the Client API reads them back once the caller
 * names the flow's class in code, and not before.
 */
class StoredTypesIT {
  @TempDir Path root;

  @Test
  void recordsCollectionsOfThemAndALambdaGoFromStepToStepAndToTheClientApi() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), RecordsFlow.class.getName(),
        "run", "--datastore-root", root.toString()).redirectErrorStream(true).start();
    Runs.Result r = Runs.finish(p);
    // before: "List<Pt> is not storable: com.example.records.RecordsFlow$Pt is not Serializable"
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("pts=[Pt[x=1, y=2], Pt[x=30, y=40], Pt[x=105, y=40]]"
        + " total=248 shift(1)=101"), r.out());

    Task middle = Flow.in(new FlowDatastore(new LocalStorage(root), "RecordsFlow")).run(1)
        .step("middle").task();
    // the run's record names the flow class; that alone trusts nothing
    UncheckedIOException refused = assertThrows(UncheckedIOException.class,
        () -> middle.artifact("pts").value());
    assertTrue(refused.getMessage().contains("com.example.records.RecordsFlow$Pt")
        && refused.getMessage().contains("Flow.of(RecordsFlow.class)"), refused.getMessage());

    AllowList.trustFlow(RecordsFlow.class); // what Flow.of(RecordsFlow.class) does
    List<RecordsFlow.Pt> pts = middle.artifact("pts").value();
    assertEquals(new RecordsFlow.Pt(105, 40), pts.get(2));
    assertEquals(248, (int) middle.artifact("total").value());
    RecordsFlow.Fn shift = middle.artifact("shift").value();
    assertEquals(102, shift.apply(2));
  }
}
