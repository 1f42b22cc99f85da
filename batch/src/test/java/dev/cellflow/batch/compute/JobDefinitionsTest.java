package dev.cellflow.batch.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cellflow.internal.config.Config;
import dev.cellflow.compute.StepResources;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.ContainerProperties;
import software.amazon.awssdk.services.batch.model.ResourceRequirement;

class JobDefinitionsTest {
  private static BatchOptions options(Map<String, String> args) {
    return BatchOptions.of(args, Config.of(Map.of("CELLFLOW_CONFIG", "/nonexistent.json")), "t");
  }

  private static String req(ContainerProperties p, String type) {
    return p.resourceRequirements().stream().filter(r -> r.typeAsString().equals(type))
        .map(ResourceRequirement::value).findFirst().orElse(null);
  }

  @Test
  void sizesGoIntoResourceRequirements() {
    ContainerProperties p = JobDefinitions.properties(new StepResources(8, 60000, 1),
        options(Map.of()));
    assertEquals("8", req(p, "VCPU"));
    assertEquals("60000", req(p, "MEMORY"));
    assertEquals("1", req(p, "GPU"));
    assertNull(req(JobDefinitions.properties(StepResources.DEFAULT, options(Map.of())), "GPU"));
  }

  @Test
  void linuxParametersOnlyWhenAskedFor() {
    assertNull(JobDefinitions.properties(StepResources.DEFAULT, options(Map.of()))
        .linuxParameters());
    ContainerProperties p = JobDefinitions.properties(StepResources.DEFAULT,
        options(Map.of("sharedMemory", "512", "maxSwap", "2048", "swappiness", "10")));
    assertEquals(512, p.linuxParameters().sharedMemorySize());
    assertEquals(2048, p.linuxParameters().maxSwap());
    assertEquals(10, p.linuxParameters().swappiness());
  }

  @Test
  void equalContentGivesEqualPropertiesAndOtherContentOthers() {
    var a = JobDefinitions.properties(StepResources.DEFAULT, options(Map.of("image", "x:1")));
    var b = JobDefinitions.properties(StepResources.DEFAULT, options(Map.of("image", "x:1")));
    var c = JobDefinitions.properties(StepResources.DEFAULT, options(Map.of("image", "x:2")));
    assertEquals(a.toString(), b.toString()); // the definition's name hashes this
    assertNotEquals(a.toString(), c.toString());
  }
}
