package dev.cellflow.config;

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
}
