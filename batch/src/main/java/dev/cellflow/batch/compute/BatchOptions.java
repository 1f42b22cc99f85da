package dev.cellflow.batch.compute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cellflow.CellflowException;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.metadata.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Batch step's arguments beyond its size, from {@code @Batch} or {@code --with batch:k=v}, over
 * the configuration ({@code CELLFLOW_BATCH_QUEUE}, {@code CELLFLOW_BATCH_IMAGE}, {@code
 * CELLFLOW_BATCH_IAM_ROLE}, {@code CELLFLOW_BATCH_EXECUTION_ROLE}), over the defaults. A value is
 * read as JSON, then as a number, then as a string.
 *
 * @param queue the job queue, or null for the first enabled, valid one
 * @param image the container image
 * @param iamRole the job role's ARN, or null
 * @param executionRole the execution role's ARN, or null
 * @param sharedMemory {@code /dev/shm} in MB, 0 for the default
 * @param maxSwap swap in MB, 0 for none
 * @param swappiness 0 to 100
 * @param ephemeralStorage GiB, 0 for the default
 * @param tags extra job tags
 * @param extras devices, volumes, tmpfs, logging, privileged and Fargate settings
 */
public record BatchOptions(String queue, String image, String iamRole, String executionRole,
    int sharedMemory, int maxSwap, int swappiness, int ephemeralStorage,
    Map<String, String> tags, ContainerExtras extras) {

  /** The options {@code args} give a step, {@code where} naming their source in errors. */
  public static BatchOptions of(Map<String, String> args, Config config, String where) {
    return new BatchOptions(
        text(args, "queue", config.get("batchQueue", null), where),
        text(args, "image", config.get("batchImage", defaultImage()), where),
        text(args, "iamRole", config.get("batchIamRole", null), where),
        text(args, "executionRole", config.get("batchExecutionRole", null), where),
        number(args, "sharedMemory", 0, 0, Integer.MAX_VALUE, where),
        number(args, "maxSwap", 0, 0, Integer.MAX_VALUE, where),
        number(args, "swappiness", 60, 0, 100, where),
        number(args, "ephemeralStorage", 0, 0, 200, where),
        tags(args.get("tags"), where),
        ContainerExtras.of(args, where));
  }

  /** A JRE image of the Java major version running this process: {@code eclipse-temurin:17-jre}. */
  public static String defaultImage() {
    return "eclipse-temurin:" + Runtime.version().feature() + "-jre";
  }

  private static JsonNode json(String v) {
    try {
      return Json.mapper().readTree(v);
    } catch (Exception e) {
      return null;
    }
  }

  static String text(Map<String, String> args, String key, String dflt, String where) {
    String v = args.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    JsonNode n = json(v);
    return n != null && n.isTextual() ? n.asText() : v;
  }

  static int number(Map<String, String> args, String key, int dflt, int min, int max,
      String where) {
    String v = args.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    JsonNode n = json(v);
    long x;
    if (n != null && n.canConvertToLong()) {
      x = n.asLong();
    } else {
      try {
        x = Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new CellflowException(where + ": " + key + "=" + v + " is not a whole number");
      }
    }
    if (x < min || x > max) {
      throw new CellflowException(where + ": " + key + "=" + v + " is out of range; give "
          + min + " to " + max);
    }
    return (int) x;
  }

  /** {@code {"k":"v"}} or {@code k=v} pairs separated by {@code ,} or {@code ;}. */
  private static Map<String, String> tags(String v, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isBlank()) {
      return out;
    }
    JsonNode n = json(v);
    if (n != null && n.isObject()) {
      n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
      return out;
    }
    for (String kv : v.split("[,;]")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new CellflowException(where + ": tag '" + kv + "' is not key=value");
      }
      out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
    }
    return out;
  }
}
