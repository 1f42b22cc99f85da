package dev.cellflow.batch.compute;

import dev.cellflow.compute.StepResources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.AssignPublicIp;
import software.amazon.awssdk.services.batch.model.ContainerProperties;
import software.amazon.awssdk.services.batch.model.Device;
import software.amazon.awssdk.services.batch.model.DeviceCgroupPermission;
import software.amazon.awssdk.services.batch.model.EFSTransitEncryption;
import software.amazon.awssdk.services.batch.model.JobDefinition;
import software.amazon.awssdk.services.batch.model.JobDefinitionType;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.batch.model.LinuxParameters;
import software.amazon.awssdk.services.batch.model.MountPoint;
import software.amazon.awssdk.services.batch.model.NodeRangeProperty;
import software.amazon.awssdk.services.batch.model.PlatformCapability;
import software.amazon.awssdk.services.batch.model.RegisterJobDefinitionRequest;
import software.amazon.awssdk.services.batch.model.ResourceRequirement;
import software.amazon.awssdk.services.batch.model.ResourceType;
import software.amazon.awssdk.services.batch.model.Volume;

/**
 * Job definitions, one per distinct content: the name is {@code cellflow-<hash of the
 * content>}, so a definition registered by an earlier run (by anyone) is found and reused
 * instead of registering a new revision each time. The size, image, roles and Linux parameters
 * are in the definition; the command, environment and timeout are given per job.
 */
final class JobDefinitions {
  private final BatchClient batch;
  private final Map<String, String> arns = new ConcurrentHashMap<>();

  JobDefinitions(BatchClient batch) {
    this.batch = batch;
  }

  /** The container properties for a step of size {@code r} with {@code o} on an EC2 queue. */
  static ContainerProperties properties(StepResources r, BatchOptions o) {
    return properties(r, o, false);
  }

  /**
   * The definition for a step of size {@code r} with {@code o} on a {@code fargate} queue or an
   * EC2 one, its name left out; settings that the platform refuses are refused first, naming the
   * setting ({@link PlatformRules}).
   */
  static RegisterJobDefinitionRequest definition(StepResources r, BatchOptions o,
      boolean fargate, String queue, String where) {
    PlatformRules.check(r, o, fargate, queue, where);
    var b = RegisterJobDefinitionRequest.builder();
    int nodes = o.extras().nodes();
    if (nodes > 0) {
      // every node runs the same container; the job's command comes in its node overrides
      b.type(JobDefinitionType.MULTINODE).nodeProperties(n -> n.numNodes(nodes).mainNode(0)
          .nodeRangeProperties(NodeRangeProperty.builder().targetNodes("0:")
              .container(properties(r, o, false)).build()));
    } else {
      b.type(JobDefinitionType.CONTAINER).containerProperties(properties(r, o, fargate));
    }
    if (fargate) {
      b.platformCapabilities(PlatformCapability.FARGATE);
    }
    return b.build();
  }

  private static ContainerProperties properties(StepResources r, BatchOptions o,
      boolean fargate) {
    List<ResourceRequirement> req = new ArrayList<>(List.of(
        ResourceRequirement.builder().type(ResourceType.VCPU).value(Integer.toString(r.cpu()))
            .build(),
        ResourceRequirement.builder().type(ResourceType.MEMORY)
            .value(Integer.toString(r.memory())).build()));
    if (r.gpu() > 0) {
      req.add(ResourceRequirement.builder().type(ResourceType.GPU)
          .value(Integer.toString(r.gpu())).build());
    }
    var b = ContainerProperties.builder().image(o.image()).resourceRequirements(req)
        // the real command comes with each job; a definition needs one
        .command("sh", "-c", "echo this cellflow job definition needs a command from its job;"
            + " exit 2");
    if (o.iamRole() != null) {
      b.jobRoleArn(o.iamRole());
    }
    if (o.executionRole() != null) {
      b.executionRoleArn(o.executionRole());
    }
    ContainerExtras x = o.extras();
    List<Device> devices = devices(x);
    if (o.sharedMemory() > 0 || o.maxSwap() > 0 || !devices.isEmpty() || x.tmpfs() != null) {
      var lp = LinuxParameters.builder();
      if (o.sharedMemory() > 0) {
        lp.sharedMemorySize(o.sharedMemory());
      }
      if (o.maxSwap() > 0) {
        lp.maxSwap(o.maxSwap()).swappiness(o.swappiness());
      }
      if (!devices.isEmpty()) {
        lp.devices(devices);
      }
      if (x.tmpfs() != null) {
        // as Docker's --tmpfs: half the memory unless sized
        int size = x.tmpfs().sizeMb() > 0 ? x.tmpfs().sizeMb() : Math.max(1, r.memory() / 2);
        lp.tmpfs(t -> t.containerPath(x.tmpfs().path()).size(size).mountOptions("defaults"));
        if (x.tmpfs().tempdir()) {
          b.environment(KeyValuePair.builder().name("TMPDIR").value(x.tmpfs().path()).build());
        }
      }
      b.linuxParameters(lp.build());
    }
    if (o.ephemeralStorage() > 0) {
      b.ephemeralStorage(e -> e.sizeInGiB(o.ephemeralStorage()));
    }
    if (!x.mounts().isEmpty()) {
      b.volumes(x.mounts().stream().map(JobDefinitions::volume).toList());
      b.mountPoints(x.mounts().stream().map(m -> MountPoint.builder().sourceVolume(m.name())
          .containerPath(m.containerPath()).readOnly(false).build()).toList());
    }
    if (x.logDriver() != null || !x.logOptions().isEmpty()) {
      b.logConfiguration(l -> l.logDriver(x.logDriver() != null ? x.logDriver() : "awslogs")
          .options(x.logOptions().isEmpty() ? null : new TreeMap<>(x.logOptions())));
    }
    if (x.privileged()) {
      b.privileged(true);
    }
    if (fargate) {
      b.fargatePlatformConfiguration(f -> f.platformVersion(
          x.fargatePlatformVersion() != null ? x.fargatePlatformVersion() : "LATEST"));
      b.networkConfiguration(n -> n.assignPublicIp(x.assignPublicIp()
          ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED));
    }
    return b.build();
  }

  /**
   * Neuron devices {@code /dev/neuron0..N-1} (Inferentia, Trainium) and EFA devices {@code
   * /dev/infiniband/uverbs0..N-1}, read-write at the same path (EFA also MKNOD, as AWS's EFA
   * guide and Metaflow's multi-node jobs give them).
   */
  private static List<Device> devices(ContainerExtras x) {
    List<Device> out = new ArrayList<>();
    for (int i = 0; i < x.neuron(); i++) {
      out.add(Device.builder().hostPath("/dev/neuron" + i).containerPath("/dev/neuron" + i)
          .permissions(DeviceCgroupPermission.READ, DeviceCgroupPermission.WRITE).build());
    }
    for (int i = 0; i < x.efa(); i++) {
      String p = "/dev/infiniband/uverbs" + i;
      out.add(Device.builder().hostPath(p).containerPath(p).permissions(
          DeviceCgroupPermission.READ, DeviceCgroupPermission.WRITE,
          DeviceCgroupPermission.MKNOD).build());
    }
    return out;
  }

  private static Volume volume(ContainerExtras.Mount m) {
    var v = Volume.builder().name(m.name());
    return (m.efs() ? v.efsVolumeConfiguration(e -> e.fileSystemId(m.source())
        .transitEncryption(EFSTransitEncryption.ENABLED))
        : v.host(h -> h.sourcePath(m.source()))).build();
  }

  /** The ARN of definition {@code def} (nameless), registered now if no such one exists. */
  String arnFor(RegisterJobDefinitionRequest def) {
    String name = "cellflow-" + hash(def.toString());
    return arns.computeIfAbsent(name, n -> {
      for (JobDefinition d : batch.describeJobDefinitionsPaginator(r -> r.jobDefinitionName(n)
          .status("ACTIVE")).jobDefinitions()) {
        return d.jobDefinitionArn();
      }
      return batch.registerJobDefinition(def.toBuilder().jobDefinitionName(n)
          .tags(Map.of("cellflow", "1")).build()).jobDefinitionArn();
    });
  }

  private static String hash(String content) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(content.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
