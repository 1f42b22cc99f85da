package dev.cellflow.batch.compute;

import dev.cellflow.CellflowException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job-definition settings of {@code @Batch} that Metaflow's {@code @batch} also has, read from
 * text and checked for what AWS Batch would refuse whatever the queue; {@link PlatformRules}
 * checks what depends on the queue's platform (EC2 or Fargate).
 *
 * @param neuron Inferentia or Trainium chips ({@code /dev/neuronN} devices)
 * @param efa Elastic Fabric Adapter devices
 * @param mounts host folders and EFS file systems, in the order given
 * @param tmpfs the tmpfs mount, or null for none
 * @param logDriver the log driver, or null for AWS Batch's default
 * @param logOptions the log driver's options
 * @param privileged whether the container runs privileged
 * @param fargatePlatformVersion the Fargate platform version, or null for {@code LATEST}
 * @param assignPublicIp whether a Fargate job gets a public IP address
 * @param nodes the nodes of a multi-node job ({@code @Parallel}), 0 for an ordinary job
 */
public record ContainerExtras(int neuron, int efa, List<Mount> mounts, Tmpfs tmpfs,
    String logDriver, Map<String, String> logOptions, boolean privileged,
    String fargatePlatformVersion, boolean assignPublicIp, int nodes) {

  /** The log drivers AWS Batch takes (RegisterJobDefinition's logConfiguration.logDriver). */
  static final List<String> LOG_DRIVERS = List.of("awslogs", "fluentd", "gelf", "json-file",
      "journald", "logentries", "splunk", "syslog", "awsfirelens");

  /**
   * A volume and where it is mounted.
   *
   * @param name the volume's name in the job definition
   * @param source the host path, or the EFS file system id
   * @param containerPath where the container sees it
   * @param efs whether {@code source} is an EFS file system
   */
  public record Mount(String name, String source, String containerPath, boolean efs) {}

  /**
   * A tmpfs mount.
   *
   * @param path where it is mounted
   * @param sizeMb its size in MiB, 0 for half the step's memory
   * @param tempdir whether {@code TMPDIR} points to it
   */
  public record Tmpfs(String path, int sizeMb, boolean tempdir) {}

  /** The settings {@code args} give; errors start with {@code where}. */
  static ContainerExtras of(Map<String, String> args, String where) {
    int inferentia = BatchOptions.number(args, "inferentia", 0, 0, 64, where);
    int trainium = BatchOptions.number(args, "trainium", 0, 0, 64, where);
    if (inferentia > 0 && trainium > 0) {
      throw new CellflowException(where + ": inferentia=" + inferentia + " and trainium="
          + trainium + " both ask for Neuron devices; give one of the two");
    }
    List<Mount> mounts = new ArrayList<>();
    for (String v : list(args.get("hostVolumes"))) {
      String[] p = v.split(":", 2);
      String to = p.length > 1 ? p[1] : p[0];
      if (!p[0].startsWith("/") || !to.startsWith("/") || to.contains(":")) {
        throw new CellflowException(where + ": hostVolumes item '" + v + "' is not HOST_PATH or"
            + " HOST_PATH:CONTAINER_PATH with absolute paths");
      }
      mounts.add(new Mount("host" + p[0].replaceAll("[^A-Za-z0-9_-]", "_"), p[0], to, false));
    }
    for (String v : list(args.get("efsVolumes"))) {
      String[] p = v.split(":", 2);
      String to = p.length > 1 ? p[1] : "/mnt/" + p[0];
      if (!p[0].matches("fs-[0-9a-f]{8,40}") || !to.startsWith("/")) {
        throw new CellflowException(where + ": efsVolumes item '" + v + "' is not fs-ID or"
            + " fs-ID:CONTAINER_PATH (an EFS file system id such as fs-0123abcd and an absolute"
            + " path)");
      }
      mounts.add(new Mount("efs_" + p[0], p[0], to, true));
    }
    Set<String> paths = new HashSet<>();
    for (Mount m : mounts) {
      if (!paths.add(m.containerPath())) {
        throw new CellflowException(where + ": two volumes are mounted at " + m.containerPath()
            + " (hostVolumes/efsVolumes); give each its own container path");
      }
    }
    return new ContainerExtras(Math.max(inferentia, trainium),
        BatchOptions.number(args, "efa", 0, 0, 32, where), List.copyOf(mounts),
        tmpfs(args, where), logDriver(args, where), logOptions(args, where),
        bool(args, "privileged", false, where),
        BatchOptions.text(args, "fargatePlatformVersion", null, where),
        bool(args, "assignPublicIp", true, where),
        BatchOptions.number(args, "numNodes", 0, 0, 1000, where));
  }

  private static Tmpfs tmpfs(Map<String, String> args, String where) {
    String size = args.get("tmpfsSize");
    boolean sized = size != null && !size.isBlank();
    int mb = sized ? BatchOptions.number(args, "tmpfsSize", 0, 1, Integer.MAX_VALUE, where) : 0;
    String path = BatchOptions.text(args, "tmpfsPath", "/cellflow_temp", where);
    if (!path.startsWith("/")) {
      throw new CellflowException(where + ": tmpfsPath=" + path + " is not an absolute path");
    }
    if (!bool(args, "useTmpfs", false, where) && !sized) {
      return null;
    }
    return new Tmpfs(path, mb, bool(args, "tmpfsTempdir", true, where));
  }

  private static String logDriver(Map<String, String> args, String where) {
    String d = BatchOptions.text(args, "logDriver", null, where);
    if (d != null && !LOG_DRIVERS.contains(d)) {
      throw new CellflowException(where + ": logDriver=" + d + " is not a log driver AWS Batch"
          + " takes; give one of " + String.join(", ", LOG_DRIVERS));
    }
    return d;
  }

  /** Items {@code key=value} or, as Metaflow writes them, {@code key:value}. */
  private static Map<String, String> logOptions(Map<String, String> args, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : list(args.get("logOptions"))) {
      int eq = v.indexOf('=');
      int colon = v.indexOf(':');
      int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
      if (at <= 0) {
        throw new CellflowException(where + ": logOptions item '" + v + "' is not key=value");
      }
      out.put(v.substring(0, at).trim(), v.substring(at + 1).trim());
    }
    return Map.copyOf(out);
  }

  /** A list given as text: items separated by {@code ;} or {@code ,}, blanks dropped. */
  static List<String> list(String v) {
    List<String> out = new ArrayList<>();
    if (v != null) {
      for (String item : v.split("[;,]")) {
        if (!item.isBlank()) {
          out.add(item.trim());
        }
      }
    }
    return out;
  }

  private static boolean bool(Map<String, String> args, String key, boolean dflt, String where) {
    String v = args.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    return switch (v.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new CellflowException(where + ": " + key + "=" + v
          + " takes true or false");
    };
  }
}
