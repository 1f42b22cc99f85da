package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to good and bad input. */
class CliIT {
  @TempDir Path root;

  @Test
  void helpListsParametersWithTheirDefaults() {
    Runs.Result r = Runs.cli(Flows.Linear.class, null, "run", "--help");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("--n=INT") && r.out().contains("a number to double (default 21)"),
        r.out());
    assertTrue(r.out().contains("--max-workers") && r.out().contains("--max-num-splits"), r.out());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Runs.Result r = Runs.cli(Flows.Linear.class, root, "run", "--nn", "3");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("Unknown option") && r.err().contains("'--nn'"), r.err());
  }

  @Test
  void aBadParameterValueNamesTheOption() {
    Runs.Result r = Runs.cli(Flows.Linear.class, root, "run", "--n", "many");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("--n: 'many' is not a valid int"), r.err());
    assertFalse(Files.exists(root.resolve("Linear")), "no run was started");
  }

  @Test
  void checkAndShowDescribeTheFlow() {
    Runs.Result c = Runs.cli(Flows.Foreach.class, null, "check");
    assertEquals(0, c.code(), c.all());
    assertTrue(c.out().contains("Flow Foreach is valid: 5 steps."), c.out());
    Runs.Result s = Runs.cli(Flows.Foreach.class, null, "show");
    assertEquals(0, s.code(), s.all());
    assertTrue(s.out().contains("=> foreach items -> square"), s.out());
    assertTrue(s.out().contains("(join) -> end"), s.out());
    assertTrue(s.out().contains("  Squares numbers in parallel and adds them up."), s.out());
    assertTrue(s.out().contains("      Adds one to the square."), s.out());
  }

  @Test
  void aDatastoreRootThatIsNotWritableIsNamed() throws Exception {
    Path file = Files.writeString(root.resolve("a-file"), "x");
    Runs.Result r = Runs.cli(Flows.Linear.class, null, "run", "--datastore-root",
        file.resolve("store").toString());
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("is not writable"), r.err());
    assertTrue(r.err().contains("--datastore-root"), r.err());
  }

  @Test
  void batchWithoutTheBatchModuleSaysWhatToAdd() {
    Runs.Result r = Runs.cli(Flows.Linear.class, root, "run", "--with", "batch");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("add the cellflow batch module"), r.err());
  }

  @Test
  void anUnknownDecoratorListsTheKnownOnes() {
    Runs.Result r = Runs.cli(Flows.Linear.class, root, "run", "--with", "gpu:x=1");
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains("unknown decorator 'gpu'; known: resources, batch"), r.err());
  }

  @Test
  void logsOfAMissingRunOrABadPathspecSaySo() {
    assertEquals(0, Runs.cli(Flows.Linear.class, root, "run").code());
    Runs.Result r = Runs.cli(Flows.Linear.class, root, "logs", "9/start");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("run Linear/9 does not exist"), r.err());
    Runs.Result bad = Runs.cli(Flows.Linear.class, root, "logs", "start");
    assertTrue(bad.err().contains("logs takes RUN/STEP or RUN/STEP/TASK"), bad.err());
    Runs.Result step = Runs.cli(Flows.Linear.class, root, "logs", "1/nowhere");
    assertTrue(step.err().contains("has no task 1/nowhere"), step.err());
  }

  @Test
  void maxWorkersMustBePositive() {
    Runs.Result r = Runs.cli(Flows.Linear.class, root, "run", "--max-workers", "0");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("--max-workers 0: give 1 or more"), r.err());
  }
}
