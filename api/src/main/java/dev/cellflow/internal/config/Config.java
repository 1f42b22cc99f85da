package dev.cellflow.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cellflow.CellflowException;
import dev.cellflow.internal.metadata.Json;
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
    JsonNode root;
    try {
      root = Json.mapper().readTree(path.toFile());
    } catch (IOException e) {
      throw new CellflowException("the config file " + path + " is not valid JSON: "
          + e.getMessage().lines().findFirst().orElse("")
          + "; fix it or point CELLFLOW_CONFIG elsewhere", e);
    }
    if (root != null && !root.isObject() && !root.isMissingNode()) {
      throw new CellflowException("the config file " + path + " is not a JSON object of"
          + " settings, as in {\"datastore\": \"s3\"}; fix it or point CELLFLOW_CONFIG elsewhere");
    }
    return root;
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
      JsonNode node = file.get(key);
      if (!node.isValueNode()) {
        throw new CellflowException(where(key) + " is " + node + "; it takes a single value,"
            + " as in {\"" + key + "\": \"...\"}");
      }
      return node.asText();
    }
    return dflt;
  }

  /**
   * The setting {@code key} as a whole number of {@code unit}, 0 or more; {@code dflt} unless
   * set; an error naming the variable or file that gave it when it is not one.
   */
  public long getLong(String key, long dflt, String unit) {
    return wholeNumber(key, dflt, Long.MAX_VALUE, unit);
  }

  /**
   * Where the setting {@code key} comes from, for messages: its environment variable, or the
   * key in the config file (named by its path), or the default.
   */
  public String where(String key) {
    String v = env.get(envName(key));
    if (v != null && !v.isBlank()) {
      return envName(key);
    }
    if (file != null && file.hasNonNull(key)) {
      return "\"" + key + "\" in " + filePath;
    }
    return "the default " + key;
  }

  /**
   * The environment variable for {@code key}: {@code CELLFLOW_} and the key with an underscore
   * before each capital that follows a small letter, upper-cased. (No regular expression: the
   * start-up switches are read in the runtime's first JVM, where its first use costs tens of
   * milliseconds.)
   */
  public static String envName(String key) {
    StringBuilder b = new StringBuilder("CELLFLOW_");
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(key.charAt(i - 1))) {
        b.append('_');
      }
      b.append(Character.toUpperCase(c));
    }
    return b.toString();
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
   * The most kilobytes of each task stream's output kept: {@code CELLFLOW_LOG_CAP_KB}, default
   * 65536 (64 MB); an error naming the setting when it is not a whole number.
   */
  public long logCapKb() {
    return wholeNumber("logCapKb", 65536, Long.MAX_VALUE >> 10, "kilobytes");
  }

  /** The setting {@code key} as a whole number from 0 to {@code max}; {@code dflt} unless set. */
  private long wholeNumber(String key, long dflt, long max, String unit) {
    String v = get(key, null);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new CellflowException(where(key) + " is '" + v + "': give a whole number of " + unit
        + " (default " + dflt + ")");
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
