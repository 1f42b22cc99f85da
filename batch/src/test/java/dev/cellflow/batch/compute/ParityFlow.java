package dev.cellflow.batch.compute;

import dev.cellflow.Batch;
import dev.cellflow.FlowSpec;
import dev.cellflow.Step;

/**
 * A step with every job-definition setting Metaflow's {@code @batch} has, on an EC2 queue; the
 * other step goes where {@code --with batch} says.
 */
public class ParityFlow extends FlowSpec {
  String jobId;

  @Batch(queue = "default", memory = 2048, inferentia = 2, efa = 1,
      hostVolumes = {"/data", "/scratch:/mnt/scratch"}, efsVolumes = "fs-12345678:/shared",
      useTmpfs = true, tmpfsSize = 256, tmpfsPath = "/fast", logDriver = "awslogs",
      logOptions = "awslogs-group:/aws/batch/job", privileged = true)
  @Step public void start() {
    jobId = System.getenv("AWS_BATCH_JOB_ID");
    System.out.println("start ran in job " + jobId);
    next(this::end);
  }

  @Step public void end() {
    System.out.println("end after job " + jobId);
  }

  public static void main(String[] args) {
    FlowSpec.main(ParityFlow.class, args);
  }
}
