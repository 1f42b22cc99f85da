package dev.cellflow.batch.diagnosis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cellflow.compute.StepResources;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;

/** The RUNNABLE diagnosis against canned compute environments. */
class RunnableDiagnosisTest {
  private static ComputeEnvironmentDetail env(String state, int maxvCpus, String... types) {
    return ComputeEnvironmentDetail.builder().computeEnvironmentName("ce").state(state)
        .status("VALID").computeResources(c -> c.type("EC2").maxvCpus(maxvCpus)
            .instanceTypes(types)).build();
  }

  @Test
  void instanceSizesFollowTheNames() {
    assertArrayEquals(new int[] {8, 32768}, InstanceSizes.of("m5.2xlarge"));
    assertArrayEquals(new int[] {2, 4096}, InstanceSizes.of("c5.large"));
    assertArrayEquals(new int[] {4, 32768}, InstanceSizes.of("r5.xlarge"));
    assertNull(InstanceSizes.of("optimal"));
    assertNull(InstanceSizes.of("m5.metal"));
  }

  @Test
  void eachReasonAJobCannotRunIsSaid() {
    StepResources big = new StepResources(8, 60000, 0);
    assertEquals("it is DISABLED", RunnableDiagnosis.whyNot(env("DISABLED", 256, "m5.large"),
        big));
    assertEquals("maxvCpus 4 is less than the 8 vCPUs asked",
        RunnableDiagnosis.whyNot(env("ENABLED", 4, "m5.large"), big));
    assertEquals("its largest instance type has about 8 vCPUs and 32768 MB, less than asked",
        RunnableDiagnosis.whyNot(env("ENABLED", 256, "m5.large", "m5.2xlarge"), big));
    assertEquals("none of its instance types has a GPU", RunnableDiagnosis.whyNot(
        env("ENABLED", 256, "m5.24xlarge"), new StepResources(1, 1000, 1)));
  }

  @Test
  void anEnvironmentThatCouldHoldItOrThatItCannotJudgeIsNotBlamed() {
    StepResources r = new StepResources(8, 60000, 0);
    assertNull(RunnableDiagnosis.whyNot(env("ENABLED", 256, "r5.2xlarge"), r));
    assertNull(RunnableDiagnosis.whyNot(env("ENABLED", 256, "optimal"), r));
  }
}
