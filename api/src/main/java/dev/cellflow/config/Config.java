package dev.cellflow.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cellflow.CellflowException;
import dev.cellflow.metadata.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Settings: an environment variable {@code CELLFLOW_<NAME>} wins over the JSON config file
 * ({@code ~/.cellflow/config.json}, or the file {@code CELLFLOW_CONFIG} names), which wins over
 * the default. Command-line flags win over all three; the CLI applies them.
 */
public final class Config {
  private final Map<String, String> env;
  private final JsonNode file;
  private final Path filePath;

  private Config(Map<String, String> env, Path filePath) {
    this.env = env;
    this.filePath = filePath;
    this.file = readFile(filePath);
  }

  /** The configuration of this process. */
  public static Config load() {
    return of(System.getenv());
  }

  /** The configuration seen with environment {@code env} (for tests). */
  public static Config of(Map<String, String> env) {
    String p = env.get("CELLFLOW_CONFIG");
    Path path = p != null ? Path.of(p)
        : Path.of(System.getProperty("user.home"), ".cellflow", "config.json");
    return new Config(env, path);
  }

  private static JsonNode readFile(Path path) {
    if (!Files.isRegularFile(path)) {
      return null;
    }
    try {
      return Json.mapper().readTree(path.toFile());
    } catch (IOException e) {
      throw new CellflowException("the config file " + path + " is not valid JSON: "
          + e.getMessage() + "; fix it or point CELLFLOW_CONFIG elsewhere", e);
    }
  }

  /**
   * The setting {@code key} (camelCase, as in the file: {@code datastoreRoot}); its environment
   * variable is {@code CELLFLOW_DATASTORE_ROOT}.
   */
  public String get(String key, String dflt) {
    String v = env.get(envName(key));
    if (v != null && !v.isBlank()) {
      return v;
    }
    if (file != null && file.hasNonNull(key)) {
      return file.get(key).asText();
    }
    return dflt;
  }

  /** The environment variable for {@code key}. */
  public static String envName(String key) {
    return "CELLFLOW_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }

  /** The datastore kind: {@code local} unless set. */
  public String datastore() {
    return get("datastore", "local");
  }

  /** The datastore root: {@code .cellflow} in the working directory unless set. */
  public String datastoreRoot() {
    return get("datastoreRoot", ".cellflow");
  }

  /** The user runs are recorded under: {@code USER}, else {@code user.name}. */
  public String user() {
    String u = get("user", env.get("USER"));
    return u != null ? u : System.getProperty("user.name", "unknown");
  }

  /**
   * Whether every local task gets a process of its own ({@code taskProcess}: {@code fresh}), or
   * processes are warm and run several tasks of a run in turn ({@code warm}, the default).
   */
  public boolean freshTaskProcesses() {
    String v = get("taskProcess", "warm").trim();
    if (!v.equals("warm") && !v.equals("fresh")) {
      throw new CellflowException(envName("taskProcess") + " (or \"taskProcess\" in " + filePath
          + ") is '" + v + "'; use warm (the default) or fresh (a new process for every task)");
    }
    return v.equals("fresh");
  }

  /** The config file consulted, for messages. */
  public Path filePath() {
    return filePath;
  }
}
