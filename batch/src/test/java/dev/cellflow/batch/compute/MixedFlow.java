package dev.cellflow.batch.compute;

import dev.cellflow.Batch;
import dev.cellflow.FlowSpec;
import dev.cellflow.Step;

/** One step on AWS Batch between two local ones. */
public class MixedFlow extends FlowSpec {
  int x;
  int y;
  String jobId;

  @Step public void start() {
    x = 21;
    next(this::heavy);
  }

  @Batch(memory = 1000)
  @Step public void heavy() {
    jobId = System.getenv("AWS_BATCH_JOB_ID");
    y = 2 * x;
    System.out.println("heavy ran in job " + jobId + " and made " + y);
    next(this::end);
  }

  @Step public void end() {
    System.out.println("local end sees y = " + y + " from job " + jobId);
  }

  public static void main(String[] args) {
    FlowSpec.main(MixedFlow.class, args);
  }
}
