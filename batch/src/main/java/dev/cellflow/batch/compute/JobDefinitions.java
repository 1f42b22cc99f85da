package dev.cellflow.batch.compute;

import dev.cellflow.decorator.StepResources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ContainerProperties;
import software.amazon.awssdk.services.batch.model.JobDefinition;
import software.amazon.awssdk.services.batch.model.JobDefinitionType;
import software.amazon.awssdk.services.batch.model.LinuxParameters;
import software.amazon.awssdk.services.batch.model.ResourceRequirement;
import software.amazon.awssdk.services.batch.model.ResourceType;

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

  /** The container properties for a step of size {@code r} with {@code o}. */
  static ContainerProperties properties(StepResources r, BatchOptions o) {
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
    if (o.sharedMemory() > 0 || o.maxSwap() > 0) {
      var lp = LinuxParameters.builder();
      if (o.sharedMemory() > 0) {
        lp.sharedMemorySize(o.sharedMemory());
      }
      if (o.maxSwap() > 0) {
        lp.maxSwap(o.maxSwap()).swappiness(o.swappiness());
      }
      b.linuxParameters(lp.build());
    }
    if (o.ephemeralStorage() > 0) {
      b.ephemeralStorage(e -> e.sizeInGiB(o.ephemeralStorage()));
    }
    return b.build();
  }

  /** The ARN of a definition with {@code props}, registered now if no such one exists. */
  String arnFor(ContainerProperties props) {
    String name = "cellflow-" + hash(props.toString());
    return arns.computeIfAbsent(name, n -> {
      for (JobDefinition d : batch.describeJobDefinitionsPaginator(r -> r.jobDefinitionName(n)
          .status("ACTIVE")).jobDefinitions()) {
        return d.jobDefinitionArn();
      }
      return batch.registerJobDefinition(r -> r.jobDefinitionName(n)
          .type(JobDefinitionType.CONTAINER).containerProperties(props)
          .tags(Map.of("cellflow", "1"))).jobDefinitionArn();
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
