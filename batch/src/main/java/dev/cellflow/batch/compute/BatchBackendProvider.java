package dev.cellflow.batch.compute;

import dev.cellflow.compute.ComputeBackend;
import dev.cellflow.compute.ComputeBackendProvider;
import dev.cellflow.compute.RunContext;

/** The provider of the {@code batch} compute backend ({@code @Batch}, {@code --with batch}). */
public final class BatchBackendProvider implements ComputeBackendProvider {
  @Override
  public String name() {
    return "batch";
  }

  @Override
  public ComputeBackend open(RunContext run) {
    return new BatchBackend(run);
  }
}
