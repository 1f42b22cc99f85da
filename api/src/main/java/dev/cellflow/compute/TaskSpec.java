package dev.cellflow.compute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything a task process needs to run one task; it travels as the arguments of the task
 * entry point {@code step FLOWCLASS STEP RUN TASK [options]}, the same for every backend. Made
 * with {@link #builder}, which names each value and gives the defaults the task entry point has.
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
    int attempt, Set<String> touches) {

  /**
   * A builder of task {@code task} of step {@code step} of run {@code run} of {@code flowClass}:
   * by default the local datastore, no parents, no open split, at most 100 splits, attempt 0, and
   * every artifact loaded. The datastore root has no default.
   */
  public static Builder builder(String flowClass, String step, int run, int task) {
    return new Builder(flowClass, step, run, task);
  }

  /** Names each value of a {@link TaskSpec}; {@link #build} makes it. */
  public static final class Builder {
    private final String flowClass;
    private final String step;
    private final int run;
    private final int task;
    private String datastore = "local";
    private String datastoreRoot;
    private List<TaskRef> parents = List.of();
    private List<SplitFrame> splitStack = List.of();
    private int maxNumSplits = 100;
    private int attempt;
    private Set<String> touches;

    private Builder(String flowClass, String step, int run, int task) {
      this.flowClass = flowClass;
      this.step = step;
      this.run = run;
      this.task = task;
    }

    /** The datastore kind ({@code local}, {@code s3}) and its root. */
    public Builder datastore(String kind, String root) {
      this.datastore = kind;
      this.datastoreRoot = root;
      return this;
    }

    /** The parent tasks; none by default (the start step, a notebook's first cell). */
    public Builder parents(List<TaskRef> parents) {
      this.parents = List.copyOf(parents);
      return this;
    }

    /** The open splits, outermost first; none by default. */
    public Builder splitStack(List<SplitFrame> stack) {
      this.splitStack = List.copyOf(stack);
      return this;
    }

    /** The most splits a foreach in this task may make; 100 by default. */
    public Builder maxNumSplits(int n) {
      this.maxNumSplits = n;
      return this;
    }

    /** The attempt, from 0 (the default). */
    public Builder attempt(int n) {
      this.attempt = n;
      return this;
    }

    /** The artifact fields the step may touch (load only these); null (the default) for all. */
    public Builder touches(Set<String> fields) {
      this.touches = fields;
      return this;
    }

    /** The task; an error when no datastore root was given. */
    public TaskSpec build() {
      if (datastoreRoot == null) {
        throw new IllegalStateException("task " + run + "/" + step + "/" + task
            + " has no datastore root: call datastore(kind, root)");
      }
      return new TaskSpec(flowClass, step, run, task, datastore, datastoreRoot, parents,
          splitStack, maxNumSplits, attempt, touches);
    }
  }

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
      a.add("," + String.join(",", new TreeSet<>(touches))); // "," alone: none
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
    Set<String> touches = null;
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
            .filter(x -> !x.isEmpty()).collect(Collectors.toSet());
        case "--parents" -> Arrays.stream(v.split(",")).map(TaskRef::parse).forEach(parents::add);
        case "--split" -> stack.add(parseSplit(v));
        default -> throw new IllegalArgumentException("step: unknown option " + a);
      }
    }
    if (pos.size() != 4 || root == null) {
      throw new IllegalArgumentException(
          "step takes FLOWCLASS STEP RUN TASK --datastore-root ROOT [options], not " + args);
    }
    return builder(pos.get(0), pos.get(1), number("RUN", pos.get(2)), number("TASK", pos.get(3)))
        .datastore(datastore, root).parents(parents).splitStack(stack).maxNumSplits(maxSplits)
        .attempt(attempt).touches(touches).build();
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
