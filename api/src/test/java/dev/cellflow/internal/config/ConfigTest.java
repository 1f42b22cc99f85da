package dev.cellflow.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  @TempDir Path dir;

  /** An environment whose config file is {@code file} (which may not exist). */
  private Map<String, String> env(Path file, String... kv) {
    Map<String, String> env = new HashMap<>();
    env.put("CELLFLOW_CONFIG", file.toString());
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  private Path file(String json) throws Exception {
    return Files.writeString(dir.resolve("config.json"), json);
  }

  @Test
  void defaultsWhenNothingIsSet() {
    Config c = Config.of(env(dir.resolve("absent.json")));

    assertEquals(".cellflow", c.datastoreRoot());
    assertEquals("local", c.datastore());
    assertEquals(dir.resolve("absent.json"), c.filePath());
  }

  @Test
  void fileValueIsUsed() throws Exception {
    Config c = Config.of(env(file("{\"datastoreRoot\": \"/data/flows\", \"datastore\": \"s3\"}")));

    assertEquals("/data/flows", c.datastoreRoot());
    assertEquals("s3", c.datastore());
  }

  @Test
  void environmentWinsOverTheFile() throws Exception {
    Path f = file("{\"datastoreRoot\": \"/from/file\"}");

    Config c = Config.of(env(f, "CELLFLOW_DATASTORE_ROOT", "/from/env"));

    assertEquals("/from/env", c.datastoreRoot());
  }

  @Test
  void blankEnvironmentValueIsIgnored() throws Exception {
    Path f = file("{\"datastoreRoot\": \"/from/file\"}");

    Config c = Config.of(env(f, "CELLFLOW_DATASTORE_ROOT", "  "));

    assertEquals("/from/file", c.datastoreRoot());
  }

  @Test
  void jsonNullInTheFileFallsBackToTheDefault() throws Exception {
    Config c = Config.of(env(file("{\"datastoreRoot\": null}")));

    assertEquals(".cellflow", c.datastoreRoot());
  }

  @Test
  void envNameIsUpperSnakeCase() {
    assertEquals("CELLFLOW_DATASTORE_ROOT", Config.envName("datastoreRoot"));
    assertEquals("CELLFLOW_DATASTORE", Config.envName("datastore"));
    assertEquals("CELLFLOW_BATCH_JOB_QUEUE", Config.envName("batchJobQueue"));
  }

  @Test
  void userComesFromCellflowUserThenUser() {
    Path none = dir.resolve("absent.json");
    assertEquals("alice", Config.of(env(none, "USER", "alice")).user());
    assertEquals("bob", Config.of(env(none, "USER", "alice", "CELLFLOW_USER", "bob")).user());
  }

  @Test
  void malformedJsonNamesTheFile() throws Exception {
    Path f = file("{\"datastoreRoot\": ");

    CellflowException e = assertThrows(CellflowException.class, () -> Config.of(env(f)));

    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    assertTrue(e.getMessage().contains("CELLFLOW_CONFIG"), e.getMessage());
  }

  @Test
  void aLogCapThatIsNoWholeNumberNamesWhereItWasSet() throws Exception {
    Path none = dir.resolve("absent.json");
    assertEquals(65536, Config.of(env(none)).logCapKb());
    assertEquals(16, Config.of(env(none, "CELLFLOW_LOG_CAP_KB", " 16")).logCapKb());

    CellflowException fromEnv = assertThrows(CellflowException.class,
        () -> Config.of(env(none, "CELLFLOW_LOG_CAP_KB", "abc")).logCapKb());
    assertEquals("CELLFLOW_LOG_CAP_KB is 'abc': give a whole number of kilobytes (default"
        + " 65536)", fromEnv.getMessage());
    assertThrows(CellflowException.class,
        () -> Config.of(env(none, "CELLFLOW_LOG_CAP_KB", "-1")).logCapKb());
    assertThrows(CellflowException.class, // more than a long holds in bytes
        () -> Config.of(env(none, "CELLFLOW_LOG_CAP_KB", "9007199254740992")).logCapKb());

    Path f = file("{\"logCapKb\": \"64MB\"}");
    CellflowException fromFile = assertThrows(CellflowException.class,
        () -> Config.of(env(f)).logCapKb());
    assertTrue(fromFile.getMessage().startsWith("\"logCapKb\" in " + f + " is '64MB'"),
        fromFile.getMessage());
  }

  @Test
  void aSettingThatIsNotOneValueNamesTheFileAndTheKey() throws Exception {
    Path f = file("{\"datastore\": {}}");

    CellflowException e = assertThrows(CellflowException.class,
        () -> Config.of(env(f)).datastore());

    assertEquals("\"datastore\" in " + f + " is {}; it takes a single value, as"
        + " in {\"datastore\": \"...\"}", e.getMessage());
    assertThrows(CellflowException.class, () -> Config.of(env(file("[1, 2]"))),
        "a file that is not an object of settings");
  }

  @Test
  void aNumberThatIsNotOneNamesWhereItCameFrom() throws Exception {
    Path f = file("{\"batchPollMs\": \"soon\"}");
    assertEquals(2000, Config.of(env(dir.resolve("absent.json")))
        .getLong("batchPollMs", 2000, "ms"));
    assertEquals(50, Config.of(env(f, "CELLFLOW_BATCH_POLL_MS", " 50 "))
        .getLong("batchPollMs", 0, "ms"));

    CellflowException fromEnv = assertThrows(CellflowException.class,
        () -> Config.of(env(f, "CELLFLOW_BATCH_POLL_MS", "abc")).getLong("batchPollMs", 2, "ms"));
    assertEquals("CELLFLOW_BATCH_POLL_MS is 'abc': give a whole number of ms (default 2)",
        fromEnv.getMessage());
    CellflowException fromFile = assertThrows(CellflowException.class,
        () -> Config.of(env(f)).getLong("batchPollMs", 2, "ms"));
    assertEquals("\"batchPollMs\" in " + f + " is 'soon': give a whole number of ms (default 2)",
        fromFile.getMessage());
  }
}
