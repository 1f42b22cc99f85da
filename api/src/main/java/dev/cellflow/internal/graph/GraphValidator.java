package dev.cellflow.internal.graph;

import dev.cellflow.FlowSpec;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The graph rules beyond a single step: targets, reachability, cycles, splits and joins. */
final class GraphValidator {
  private GraphValidator() {}

  static void validate(Class<?> flow, FlowGraph g, List<String> problems) {
    Map<String, StepNode> steps = g.steps();
    for (StepNode n : steps.values()) {
      for (String t : n.transition().targets()) {
        if (!steps.containsKey(t)) {
          problems.add("step '" + n.name() + "': next(this::" + t + ") leads to '" + t
              + "', which is not a @Step method of " + g.flowName());
        }
      }
      if (n.transition() instanceof Transition.Foreach fe && fe.field() != null) {
        checkForeachField(flow, n.name(), fe.field(), problems);
      }
    }
    if (!problems.isEmpty()) {
      return;
    }
    checkCycles(g, problems);
    if (!problems.isEmpty()) {
      return;
    }
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of("start"));
    while (!todo.isEmpty()) {
      String s = todo.pop();
      if (reached.add(s)) {
        todo.addAll(steps.get(s).transition().targets());
      }
    }
    for (String s : steps.keySet()) {
      if (!reached.contains(s)) {
        problems.add("step '" + s + "': cannot be reached from start");
      }
    }
    for (StepNode n : steps.values()) {
      List<String> parents = g.parents(n.name());
      if (n.name().equals("start") && n.join()) {
        problems.add("step 'start': the start step cannot be a join (it takes no Inputs)");
      }
      if (!n.join() && parents.size() > 1) {
        problems.add("step '" + n.name() + "': is reached from " + parents
            + "; only a join step (one taking Inputs) may have several incoming transitions");
      }
      for (String t : n.transition().targets()) {
        if (n.isSplit() && steps.get(t).join()) {
          problems.add("step '" + n.name() + "': a branch or foreach leads to the join '" + t
              + "' directly; put a step in between");
        }
      }
    }
    if (problems.isEmpty()) {
      splitParents(g, problems);
    }
  }

  private static void checkForeachField(Class<?> flow, String step, String field,
      List<String> problems) {
    Field f = null;
    for (Field a : FlowSpec.Artifacts.fields(flow)) {
      if (a.getName().equals(field)) {
        f = a;
      }
    }
    if (f == null) {
      problems.add("step '" + step + "': foreach(\"" + field + "\", ...) names no artifact field;"
          + " declare a field '" + field + "' holding a collection or an array");
      return;
    }
    Class<?> t = f.getType();
    if (!t.isArray() && !Iterable.class.isAssignableFrom(t) && t != Object.class) {
      problems.add("step '" + step + "': foreach over '" + field + "' of type " + t.getSimpleName()
          + ", which is not a collection or an array");
    }
  }

  private static void checkCycles(FlowGraph g, List<String> problems) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
    Deque<String> path = new ArrayDeque<>();
    for (String s : g.steps().keySet()) {
      if (!state.containsKey(s) && cycleFrom(g, s, state, path, problems)) {
        return;
      }
    }
  }

  private static boolean cycleFrom(FlowGraph g, String s, Map<String, Integer> state,
      Deque<String> path, List<String> problems) {
    state.put(s, 1);
    path.addLast(s);
    for (String t : g.step(s).transition().targets()) {
      Integer st = state.get(t);
      if (st != null && st == 1) {
        List<String> cycle = new ArrayList<>(path);
        cycle = cycle.subList(cycle.indexOf(t), cycle.size());
        problems.add("step '" + s + "': next(this::" + t + ") closes a cycle "
            + String.join(" -> ", cycle) + " -> " + t + "; a flow's graph has no cycles");
        return true;
      }
      if (st == null && cycleFrom(g, t, state, path, problems)) {
        return true;
      }
    }
    path.removeLast();
    state.put(s, 2);
    return false;
  }

  /** Assigns each step its open splits; reports joins without a split and unjoined splits. */
  private static Map<String, List<String>> splitParents(FlowGraph g, List<String> problems) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Set<String> reported = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of("start"));
    out.put("start", List.of());
    while (!todo.isEmpty()) {
      String s = todo.pop();
      StepNode n = g.step(s);
      List<String> mine = out.get(s);
      for (String t : n.transition().targets()) {
        StepNode tn = g.step(t);
        List<String> theirs = new ArrayList<>(mine);
        if (n.isSplit()) {
          theirs.add(s);
        }
        if (tn.join()) {
          if (mine.isEmpty()) {
            problems.add("step '" + t + "': is a join (takes Inputs) but '" + s
                + "' is not inside a branch or foreach; there is no split to join");
            continue;
          }
          String split = theirs.remove(theirs.size() - 1);
          int expected = g.step(split).transition() instanceof Transition.Branch b
              ? b.targets().size() : 1;
          if (g.parents(t).size() != expected) {
            problems.add("step '" + t + "': joins " + g.parents(t) + " but the split at '"
                + split + "' opens " + expected + " path(s); every path of a split meets"
                + " in one join");
          }
        }
        List<String> known = out.get(t);
        if (known == null) {
          out.put(t, List.copyOf(theirs));
          todo.add(t);
        } else if (!known.equals(theirs) && reported.add(t)) {
          problems.add("step '" + t + "': is reached inside different splits " + known + " and "
              + theirs + "; join each branch or foreach before it goes on");
        }
      }
      if (s.equals("end") && !mine.isEmpty()) {
        problems.add("step 'end': is reached inside the split at '" + mine.get(mine.size() - 1)
            + "'; join it first with a step taking Inputs");
      }
    }
    return out;
  }

  /** The same graph with every step's split parents filled in. */
  static FlowGraph withSplitParents(FlowGraph g) {
    Map<String, List<String>> parents = splitParents(g, new ArrayList<>());
    Map<String, StepNode> nodes = new LinkedHashMap<>();
    g.steps().forEach((k, v) -> nodes.put(k, v.withSplitParents(parents.get(k))));
    return new FlowGraph(g.flowName(), nodes);
  }
}
