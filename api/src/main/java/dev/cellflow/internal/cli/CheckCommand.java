package dev.cellflow.internal.cli;

import dev.cellflow.FlowSpec;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.GraphBuilder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code check}: validates the flow's graph and parameters without running it. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate the flow's graph without running it.")
final class CheckCommand implements Callable<Integer> {
  private final Class<? extends FlowSpec> flow;
  @Spec CommandSpec spec;

  CheckCommand(Class<? extends FlowSpec> flow) {
    this.flow = flow;
  }

  @Override
  public Integer call() {
    FlowGraph g = GraphBuilder.build(flow);
    RunCommand.commandLine(flow); // each @Parameter must be able to be an option of run
    spec.commandLine().getOut().println("Flow " + g.flowName() + " is valid: "
        + g.steps().size() + " steps.");
    return 0;
  }
}
