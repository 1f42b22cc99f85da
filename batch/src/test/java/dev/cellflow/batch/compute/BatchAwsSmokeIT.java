package dev.cellflow.batch.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.testing.Needs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What no emulator shows (the image, IAM roles, real capacity, CloudWatch's delivery delay): one
 * flow with a Batch step on real AWS. Opt-in: it runs only with {@code CELLFLOW_AWS_SMOKE_ROOT}
 * (an {@code s3://bucket/prefix} the job role can write) and AWS credentials in the
 * environment, with {@code CELLFLOW_BATCH_QUEUE} (or a default queue) and, usually, {@code
 * CELLFLOW_BATCH_IAM_ROLE}. Costs a few cents and minutes.
 */
class BatchAwsSmokeIT {
  @Test
  void aBatchStepRunsOnRealAws() throws Exception {
    String root = System.getenv("CELLFLOW_AWS_SMOKE_ROOT");
    Needs.optIn(root != null && !root.isBlank(), "set"
        + " CELLFLOW_AWS_SMOKE_ROOT=s3://bucket/prefix, AWS credentials and CELLFLOW_BATCH_QUEUE"
        + " to run a Batch step on real AWS");
    FlowProcess p = FlowProcess.start(Map.of(), MixedFlow.class, "run", "--datastore", "s3",
        "--datastore-root", root);
    var r = p.waitFor(1800);
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("local end sees y = 42 from job "), r.out());
  }
}
