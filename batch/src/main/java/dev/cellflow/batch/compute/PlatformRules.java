package dev.cellflow.batch.compute;

import dev.cellflow.CellflowException;
import dev.cellflow.compute.StepResources;

/**
 * What AWS Batch refuses on each platform, checked before a job definition is registered so
 * that the user reads one line naming the setting instead of an API error after the upload.
 * Fargate takes no GPUs, devices, host volumes, tmpfs, swap, shared memory size or privileged
 * containers, only some log drivers, fixed vCPU/memory pairs, and needs an execution role; EC2
 * takes no ephemeral storage size and no Fargate network settings.
 */
final class PlatformRules {
  private PlatformRules() {}

  /** Refuses what {@code o} and {@code r} ask for that a {@code fargate} queue cannot give. */
  static void check(StepResources r, BatchOptions o, boolean fargate, String queue,
      String where) {
    ContainerExtras x = o.extras();
    String on = fargate ? " on Fargate (queue '" + queue + "')" : " on EC2 (queue '" + queue
        + "')";
    if (!fargate) {
      refuse(o.ephemeralStorage() > 0, where, "ephemeralStorage=" + o.ephemeralStorage(), on,
          "it sizes a Fargate job's disk; an EC2 job has its instance's");
      refuse(x.fargatePlatformVersion() != null, where, "fargatePlatformVersion="
          + x.fargatePlatformVersion(), on, "it applies to Fargate queues only");
      refuse(!x.assignPublicIp(), where, "assignPublicIp=false", on,
          "it applies to Fargate queues only");
      return;
    }
    refuse(r.gpu() > 0, where, "gpu=" + r.gpu(), on, "Fargate has no GPUs; use an EC2 queue");
    refuse(x.nodes() > 0, where, "@Parallel(nodes = " + x.nodes() + ")", on,
        "Fargate runs no multi-node jobs; use an EC2 queue");
    refuse(x.privileged(), where, "privileged=true", on, "Fargate runs no privileged containers");
    refuse(x.neuron() > 0, where, "inferentia/trainium=" + x.neuron(), on,
        "Fargate passes no devices; use an EC2 queue of inf/trn instances");
    refuse(x.efa() > 0, where, "efa=" + x.efa(), on, "Fargate passes no devices");
    refuse(x.tmpfs() != null, where, "useTmpfs/tmpfsSize", on, "Fargate has no tmpfs mounts");
    refuse(x.mounts().stream().anyMatch(m -> !m.efs()), where, "hostVolumes", on,
        "Fargate has no host folders; use efsVolumes");
    refuse(o.sharedMemory() > 0, where, "sharedMemory=" + o.sharedMemory(), on,
        "Fargate does not size /dev/shm");
    refuse(o.maxSwap() > 0, where, "maxSwap=" + o.maxSwap(), on, "Fargate has no swap");
    refuse(x.logDriver() != null && !x.logDriver().matches("awslogs|splunk|awsfirelens"),
        where, "logDriver=" + x.logDriver(), on, "Fargate takes awslogs, splunk or awsfirelens");
    refuse(o.ephemeralStorage() > 0 && o.ephemeralStorage() < 21, where,
        "ephemeralStorage=" + o.ephemeralStorage(), on, "give 21 to 200 GiB");
    if (o.executionRole() == null) {
      throw new CellflowException(where + ": no executionRole" + on + ": a Fargate job needs"
          + " one to pull its image and write its log; set @Batch(executionRole = ARN),"
          + " --with batch:executionRole=ARN or CELLFLOW_BATCH_EXECUTION_ROLE");
    }
    String sizes = fargateMemory(r.cpu());
    if (sizes == null) {
      throw new CellflowException(where + ": cpu=" + r.cpu() + on + " is not a Fargate size;"
          + " give cpu 1, 2, 4, 8 or 16");
    }
    if (!fits(r.cpu(), r.memory())) {
      throw new CellflowException(where + ": cpu=" + r.cpu() + ", memory=" + r.memory() + on
          + " is not a Fargate size; with " + r.cpu() + " vCPU give memory " + sizes);
    }
  }

  /** The memory sizes Fargate gives {@code cpu} whole vCPUs, as text; null for none. */
  static String fargateMemory(int cpu) {
    int[] range = range(cpu);
    return range == null ? null : range[0] + " to " + range[1] + " MiB in steps of " + range[2];
  }

  static boolean fits(int cpu, int memory) {
    int[] range = range(cpu);
    return range != null && memory >= range[0] && memory <= range[1]
        && (memory - range[0]) % range[2] == 0;
  }

  /** {min, max, step} in MiB for {@code cpu} whole vCPUs (AWS Batch's Fargate table). */
  private static int[] range(int cpu) {
    return switch (cpu) {
      case 1 -> new int[] {2048, 8192, 1024};
      case 2 -> new int[] {4096, 16384, 1024};
      case 4 -> new int[] {8192, 30720, 1024};
      case 8 -> new int[] {16384, 61440, 4096};
      case 16 -> new int[] {32768, 122880, 8192};
      default -> null;
    };
  }

  private static void refuse(boolean bad, String where, String what, String on, String why) {
    if (bad) {
      throw new CellflowException(where + ": " + what + on + " is refused by AWS Batch: " + why);
    }
  }
}
