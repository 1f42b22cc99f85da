package dev.cellflow.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cellflow.compute.StepResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a remote cell's launch tells its backend besides the sizes. */
class RemoteCellArgsTest {
  private static RemoteCell.Options options(String backend, String... withs) {
    return new RemoteCell.Options(backend, new StepResources(2, 2000, 0), List.of(withs),
        List.of(), 1 << 20, "s3");
  }

  @Test
  void theBackendsQueueAndImageGoWithTheLaunchTheSizesDoNot() {
    assertEquals(Map.of("queue", "big", "image", "eclipse-temurin:17-jdk"),
        RemoteCell.backendArgs(options("batch",
            "batch:cpu=2,memory=2000,gpu=0,queue=big,image=eclipse-temurin:17-jdk")));
  }

  @Test
  void anotherBackendsArgumentsAreNotThisOnes() {
    assertEquals(Map.of(), RemoteCell.backendArgs(options("local",
        "local:cpu=2,memory=2000,gpu=0", "batch:queue=big")));
  }
}
