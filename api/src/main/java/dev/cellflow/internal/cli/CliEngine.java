package dev.cellflow.internal.cli;

import dev.cellflow.FlowEngine;
import dev.cellflow.FlowSpec;
import dev.cellflow.internal.StepRecorder;

/**
 * cellflow's {@link FlowEngine}, found by the API through {@code META-INF/services}: the command
 * line for {@link FlowSpec#main}, and the step this process runs ({@link StepRecorder}).
 */
public final class CliEngine implements FlowEngine {
  /** For {@link java.util.ServiceLoader}. */
  public CliEngine() {}

  @Override
  public int main(Class<? extends FlowSpec> flow, String[] args) {
    return Cli.execute(flow, args); // in this JVM: a flow's run is not relaunched (docs/startup.md)
  }

  @Override
  public FlowEngine.RunningStep running() {
    return StepRecorder.running();
  }
}
