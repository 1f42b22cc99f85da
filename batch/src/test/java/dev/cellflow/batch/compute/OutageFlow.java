package dev.cellflow.batch.compute;

import dev.cellflow.Batch;
import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Parameter;
import dev.cellflow.Step;
import dev.cellflow.batch.s3.S3;

/**
 * Two Batch steps side by side: {@code waits} until the object {@code release} is under {@code
 * --signals}, {@code ends} once {@code go} is. A test stops S3 for the runtime between the two.
 */
public class OutageFlow extends FlowSpec {
  @Parameter(help = "s3://bucket/prefix the steps wait on") String signals = "";

  @Step public void start() {
    next(this::waits, this::ends);
  }

  @Batch(memory = 1000)
  @Step public void waits() throws InterruptedException {
    System.out.println("waits until released");
    await("release");
    next(this::join);
  }

  @Batch(memory = 1000)
  @Step public void ends() throws InterruptedException {
    System.out.println("ends on go");
    await("go");
    next(this::join);
  }

  private void await(String key) throws InterruptedException {
    try (S3 s3 = S3.at(signals)) {
      for (int i = 0; i < 600 && !s3.list().contains(key); i++) {
        Thread.sleep(200);
      }
    }
  }

  @Step public void join(Inputs<OutageFlow> inputs) {
    next(this::end);
  }

  @Step public void end() {
    System.out.println("all done");
  }

  public static void main(String[] args) {
    FlowSpec.main(OutageFlow.class, args);
  }
}
