package dev.cellflow.compute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything a task process needs to run one task; it travels as the arguments of the task
 * entry point {@code step FLOWCLASS STEP RUN TASK [options]}, the same for every backend.
 *
 * @param flowClass the flow's class name
 * @param step the step to run
 * @param run the run id
 * @param task the task id
 * @param datastore the datastore kind
 * @param datastoreRoot the datastore root
 * @param parents the parent tasks
 * @param splitStack the open splits, outermost first
 * @param maxNumSplits the most splits a foreach in this task may make
 * @param attempt the attempt, from 0
 * @param touches the artifact fields the step may touch (load only these), or null for all
 */
public record TaskSpec(String flowClass, String step, int run, int task, String datastore,
    String datastoreRoot, List<TaskRef> parents, List<SplitFrame> splitStack, int maxNumSplits,
    int attempt, java.util.Set<String> touches) {

  /** The same task, attempt {@code n}. */
  public TaskSpec withAttempt(int n) {
    return new TaskSpec(flowClass, step, run, task, datastore, datastoreRoot, parents, splitStack,
        maxNumSplits, n, touches);
  }

  /** The task's pathspec {@code RUN/STEP/TASK}. */
  public String pathspec() {
    return run + "/" + step + "/" + task;
  }

  /** The arguments of the task entry point that run this task. */
  public List<String> toArgs() {
    List<String> a = new ArrayList<>(List.of("step", flowClass, step, Integer.toString(run),
        Integer.toString(task), "--datastore", datastore, "--datastore-root", datastoreRoot,
        "--max-num-splits", Integer.toString(maxNumSplits), "--attempt",
        Integer.toString(attempt)));
    if (!parents.isEmpty()) {
      a.add("--parents");
      a.add(String.join(",", parents.stream().map(TaskRef::toString).toList()));
    }
    if (touches != null) {
      a.add("--touches");
      a.add("," + String.join(",", new java.util.TreeSet<>(touches))); // "," alone: none
    }
    for (SplitFrame f : splitStack) {
      a.add("--split");
      a.add(f.step() + ":" + f.task() + ":" + f.index() + ":" + f.count() + ":"
          + (f.foreach() ? "foreach" : "branch"));
    }
    return a;
  }

  /**
   * Parses task entry arguments as {@link #toArgs} writes them, without the leading {@code
   * step}. Hand-parsed: this runs in every task process, where start-up time counts.
   */
  public static TaskSpec fromArgs(List<String> args) {
    List<String> pos = new ArrayList<>();
    String datastore = "local";
    String root = null;
    int maxSplits = 100;
    int attempt = 0;
    java.util.Set<String> touches = null;
    List<TaskRef> parents = new ArrayList<>();
    List<SplitFrame> stack = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        pos.add(a);
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("step: " + a + " needs a value");
      }
      String v = args.get(++i);
      switch (a) {
        case "--datastore" -> datastore = v;
        case "--datastore-root" -> root = v;
        case "--max-num-splits" -> maxSplits = number(a, v);
        case "--attempt" -> attempt = number(a, v);
        case "--touches" -> touches = Arrays.stream(v.split(","))
            .filter(x -> !x.isEmpty()).collect(java.util.stream.Collectors.toSet());
        case "--parents" -> Arrays.stream(v.split(",")).map(TaskRef::parse).forEach(parents::add);
        case "--split" -> stack.add(parseSplit(v));
        default -> throw new IllegalArgumentException("step: unknown option " + a);
      }
    }
    if (pos.size() != 4 || root == null) {
      throw new IllegalArgumentException(
          "step takes FLOWCLASS STEP RUN TASK --datastore-root ROOT [options], not " + args);
    }
    return new TaskSpec(pos.get(0), pos.get(1), number("RUN", pos.get(2)),
        number("TASK", pos.get(3)), datastore, root, List.copyOf(parents), List.copyOf(stack),
        maxSplits, attempt, touches);
  }

  private static int number(String what, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("step: " + what + " takes a whole number, not '" + v + "'");
    }
  }

  /** Parses a {@code --split} value written by {@link #toArgs}. */
  public static SplitFrame parseSplit(String s) {
    String[] p = s.split(":");
    if (p.length != 5) {
      throw new IllegalArgumentException("--split takes STEP:TASK:INDEX:COUNT:KIND, not " + s);
    }
    return new SplitFrame(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]),
        Integer.parseInt(p[3]), p[4].equals("foreach"));
  }
}
