package dev.cellflow.internal.cli;

import dev.cellflow.Doc;
import dev.cellflow.FlowSpec;
import dev.cellflow.internal.decorator.StepPlan;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.GraphBuilder;
import dev.cellflow.internal.graph.StepNode;
import dev.cellflow.internal.graph.Transition;
import dev.cellflow.internal.task.Parameters;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code show}: the flow's steps, transitions, resources and parameters. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show the flow's steps, where they run, and its parameters.")
final class ShowCommand implements Callable<Integer> {
  private final Class<? extends FlowSpec> flow;
  @Spec CommandSpec spec;

  ShowCommand(Class<? extends FlowSpec> flow) {
    this.flow = flow;
  }

  @Override
  public Integer call() throws Exception {
    FlowGraph g = GraphBuilder.build(flow);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Flow " + g.flowName() + " (" + flow.getName() + ")");
    Doc flowDoc = flow.getAnnotation(Doc.class);
    if (flowDoc != null) {
      out.println("  " + flowDoc.value());
    }
    for (StepNode n : g.inOrder()) {
      java.lang.reflect.Method m = flow.getMethod(n.name(), n.join()
          ? new Class<?>[] {dev.cellflow.Inputs.class} : new Class<?>[0]);
      StepPlan plan = StepPlan.of(m, List.of());
      StringBuilder args = new StringBuilder();
      new java.util.TreeMap<>(plan.backendArgs()).forEach((k, v) -> args.append(", ").append(k)
          .append(' ').append(v));
      out.printf("  step %-16s %s  [%s, cpu %d, memory %d MB%s%s]%n", n.name(),
          describe(n), plan.backend(), plan.resources().cpu(), plan.resources().memory(),
          plan.resources().gpu() > 0 ? ", gpu " + plan.resources().gpu() : "", args);
      if (m.getAnnotation(Doc.class) != null) {
        out.println("      " + m.getAnnotation(Doc.class).value());
      }
    }
    List<Parameters.Param> ps = Parameters.of(flow);
    if (!ps.isEmpty()) {
      out.println("Parameters:");
      for (Parameters.Param p : ps) {
        out.printf("  --%-14s %s %s%n", p.name(), p.field().getType().getSimpleName(), p.help());
      }
    }
    return 0;
  }

  private static String describe(StepNode n) {
    Transition t = n.transition();
    String join = n.join() ? "(join) " : "";
    if (t instanceof Transition.Foreach fe) {
      return join + "=> foreach " + fe.field() + " -> " + fe.to();
    } else if (t instanceof Transition.Branch b) {
      return join + "=> branch " + String.join(", ", b.targets());
    } else if (t instanceof Transition.Linear l) {
      return join + "-> " + l.to();
    }
    return join + "(end)";
  }
}
