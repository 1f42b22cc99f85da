package dev.cellflow.internal.report;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.client.Run;
import dev.cellflow.internal.decorator.StepPlan;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.StepNode;
import dev.cellflow.internal.graph.Transition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's graph as SVG, each step coloured by its status and labelled with its task counts and
 * where it runs; the report shows it, and so does a notebook ({@code %flow show}, a {@code Run}
 * as a cell's value). With the flow's class the graph is the class's, steps not yet run
 * included; without it (a notebook's run, a flow whose classes are elsewhere) it is read from
 * the run's own records: which tasks each task started from, and how many splits each foreach
 * made.
 */
public final class RunGraph {
  private RunGraph() {}

  /** {@code run}'s graph as its records tell it; {@code where} says where each step ran. */
  public static String svg(Run run, Map<String, String> where) {
    List<StepData> steps = read(run);
    return svg(steps, nodes(steps), where);
  }

  /** {@code run}'s graph, a run of the flow {@code graph}: every step drawn, run or not. */
  public static String svg(Run run, FlowGraph graph, Map<String, String> where) {
    return svg(read(run), graph.inOrder(), where);
  }

  /**
   * Where each step of {@code flow} runs and with what, as {@code show} says it: {@code local,
   * cpu 1, memory 4000 MB}.
   */
  public static Map<String, String> where(Class<? extends FlowSpec> flow, FlowGraph g)
      throws NoSuchMethodException {
    Map<String, String> out = new LinkedHashMap<>();
    for (StepNode n : g.inOrder()) {
      StepPlan p = StepPlan.of(flow.getMethod(n.name(), n.join()
          ? new Class<?>[] {Inputs.class} : new Class<?>[0]), List.of());
      out.put(n.name(), p.backend() + ", " + p.resources().describe());
    }
    return out;
  }

  static List<StepData> read(Run run) {
    return run.steps().stream().map(StepData::read).toList();
  }

  static String svg(List<StepData> steps, List<StepNode> nodes, Map<String, String> where) {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    Map<String, String> status = new LinkedHashMap<>();
    for (StepData s : steps) {
      labels.put(s.name(), List.of(s.name(), s.tasks().size() + (s.tasks().size() == 1
          ? " task: " : " tasks: ") + s.summary(), where.getOrDefault(s.name(), "")));
      status.put(s.name(), s.status());
    }
    for (StepNode n : nodes) {
      labels.putIfAbsent(n.name(), List.of(n.name(), "not run", where.getOrDefault(n.name(),
          "")));
    }
    return GraphSvg.of(nodes, labels, status, splits(steps));
  }

  /**
   * How many splits each foreach step made, all its tasks together (a foreach inside another
   * has a task per outer split). A step is a foreach when its first successful task split.
   */
  static Map<String, Integer> splits(List<StepData> steps) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (StepData s : steps) {
      List<StepData.Row> ok = s.tasks().stream().filter(r -> r.status().equals("succeeded"))
          .toList();
      if (!ok.isEmpty() && ok.get(0).task().splits() > 0) {
        out.put(s.name(), ok.parallelStream().mapToInt(r -> r.task().splits()).sum());
      }
    }
    return out;
  }

  /**
   * The steps as the run's records link them: a step leads to the steps whose tasks started
   * from its tasks; to one of them by a foreach when it split, to several by a branch.
   */
  static List<StepNode> nodes(List<StepData> steps) {
    Map<String, Set<String>> next = new LinkedHashMap<>();
    steps.forEach(s -> next.put(s.name(), new LinkedHashSet<>()));
    for (StepData s : steps) {
      for (StepData.Row r : s.tasks()) {
        if (!r.done()) {
          continue; // no record yet, so no parents to read
        }
        for (String parent : r.task().parents()) {
          String[] p = parent.split("/");
          next.computeIfAbsent(p[p.length - 2], k -> new LinkedHashSet<>()).add(s.name());
        }
      }
    }
    Map<String, Integer> splits = splits(steps);
    List<StepNode> out = new ArrayList<>();
    for (StepData s : steps) {
      List<String> to = List.copyOf(next.get(s.name()));
      Transition t = to.isEmpty() ? new Transition.End()
          : to.size() > 1 ? new Transition.Branch(to)
          : splits.containsKey(s.name()) ? new Transition.Foreach("", to.get(0))
          : new Transition.Linear(to.get(0));
      boolean join = s.tasks().stream().anyMatch(r -> r.done() && r.task().parents().size() > 1);
      out.add(new StepNode(s.name(), join, t, -1));
    }
    return out;
  }
}
