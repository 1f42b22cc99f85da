package dev.cellflow.internal.graph;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Step;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a flow's graph from its class — step methods by reflection, transitions from their
 * bytecode — and validates it. Every violation is reported at once, each naming its step.
 */
public final class GraphBuilder {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

  private GraphBuilder() {}

  /** The validated graph of {@code flow}. */
  public static FlowGraph build(Class<? extends FlowSpec> flow) {
    return build(flow, ScanCache.file(flow));
  }

  /** The validated graph of {@code flow}, its bytecode's scans kept in {@code cacheFile}. */
  static FlowGraph build(Class<? extends FlowSpec> flow, java.nio.file.Path cacheFile) {
    List<String> problems = new ArrayList<>();
    Map<String, Method> methods = stepMethods(flow, problems);
    ScanCache.Scans cached = ScanCache.read(cacheFile);
    Map<String, List<TransitionScanner.Call>> calls =
        cached != null ? cached.calls() : scanCalls(flow);
    Map<String, StepNode> nodes = new LinkedHashMap<>();
    for (Map.Entry<String, Method> e : methods.entrySet()) {
      String name = e.getKey();
      boolean join = e.getValue().getParameterCount() == 1;
      List<TransitionScanner.Call> found = calls.getOrDefault(name, List.of());
      nodes.put(name, node(name, join, found, problems));
    }
    FlowGraph graph = new FlowGraph(flow.getSimpleName(), nodes);
    if (problems.isEmpty()) {
      GraphValidator.validate(flow, graph, problems);
    }
    if (!problems.isEmpty()) {
      throw new GraphException(flow.getSimpleName(), problems);
    }
    FlowGraph done = GraphValidator.withSplitParents(graph);
    Map<String, java.util.Set<String>> touches = cached != null ? cached.touches()
        : FieldUse.of(flow, done.steps().keySet());
    if (cached == null) {
      ScanCache.write(cacheFile, new ScanCache.Scans(calls, touches)); // a valid graph's only
    }
    Map<String, StepNode> withTouches = new LinkedHashMap<>();
    done.steps().forEach((k, v) -> {
      java.util.Set<String> t = touches.get(k);
      if (t != null && v.transition() instanceof Transition.Foreach fe) {
        t = new java.util.HashSet<>(t);
        t.add(fe.field()); // counted after the step runs, so it must be loaded
      }
      withTouches.put(k, v.withTouches(t));
    });
    return new FlowGraph(done.flowName(), withTouches);
  }

  /** The transition calls in the bytecode of {@code flow} and its superclasses, by method. */
  private static Map<String, List<TransitionScanner.Call>> scanCalls(Class<?> flow) {
    Map<String, List<TransitionScanner.Call>> calls = new HashMap<>();
    for (Class<?> c = flow; c != FlowSpec.class && c != null; c = c.getSuperclass()) {
      TransitionScanner.scan(c).forEach(calls::putIfAbsent);
    }
    return calls;
  }

  private static Map<String, Method> stepMethods(Class<?> flow, List<String> problems) {
    Map<String, Method> out = new LinkedHashMap<>();
    for (Class<?> c = flow; c != FlowSpec.class && c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (!m.isAnnotationPresent(Step.class) || m.isBridge() || out.containsKey(m.getName())) {
          continue;
        }
        String n = m.getName();
        String where = "step '" + n + "'";
        if (!NAME.matcher(n).matches()) {
          problems.add(where + ": a step name is a letter then letters, digits or '_' (at most 80)");
        }
        if (!Modifier.isPublic(m.getModifiers())) {
          problems.add(where + ": a step method must be public");
        }
        if (Modifier.isStatic(m.getModifiers())) {
          problems.add(where + ": a step method must not be static");
        }
        if (m.getReturnType() != void.class) {
          problems.add(where + ": a step method returns void");
        }
        Class<?>[] ps = m.getParameterTypes();
        if (ps.length > 1 || (ps.length == 1 && ps[0] != Inputs.class)) {
          problems.add(where + ": a step takes no arguments, or one Inputs argument for a join");
        }
        for (Method other : c.getDeclaredMethods()) {
          if (!other.equals(m) && !other.isBridge() && other.getName().equals(n)) {
            problems.add(where + ": step methods must not be overloaded");
            break;
          }
        }
        out.put(n, m);
      }
    }
    for (String required : List.of("start", "end")) {
      if (!out.containsKey(required)) {
        problems.add("flow " + flow.getSimpleName() + " has no step named '" + required
            + "': add @Step public void " + required + "()");
      }
    }
    return out;
  }

  private static StepNode node(String name, boolean join, List<TransitionScanner.Call> found,
      List<String> problems) {
    String where = "step '" + name + "'";
    if (name.equals("end")) {
      if (!found.isEmpty()) {
        problems.add(where + ": the end step has no transition; remove next(...) at line "
            + found.get(0).line());
      }
      return new StepNode(name, join, new Transition.End(), -1);
    }
    if (found.isEmpty()) {
      problems.add(where + ": has no transition; end it with next(this::someStep)"
          + " or foreach(\"field\", this::someStep)");
      return new StepNode(name, join, new Transition.End(), -1);
    }
    if (found.size() > 1) {
      List<Integer> lines = found.stream().map(TransitionScanner.Call::line).toList();
      problems.add(where + ": calls next/foreach " + found.size() + " times (lines " + lines
          + "); a step has exactly one transition");
    }
    TransitionScanner.Call c = found.get(0);
    for (String t : c.targets()) {
      if (t.startsWith("lambda$")) {
        problems.add(where + ": a transition takes a method reference such as this::end,"
            + " not a lambda (line " + c.line() + ")");
        return new StepNode(name, join, new Transition.End(), c.line());
      }
    }
    Transition t;
    if (c.foreach()) {
      if (c.foreachField() == null) {
        problems.add(where + ": foreach's field must be a string literal, as in"
            + " foreach(\"items\", this::step) (line " + c.line() + ")");
      }
      t = new Transition.Foreach(c.foreachField(), c.targets().get(0));
    } else if (c.targets().size() == 1) {
      t = new Transition.Linear(c.targets().get(0));
    } else {
      t = new Transition.Branch(c.targets());
    }
    return new StepNode(name, join, t, c.line());
  }
}
