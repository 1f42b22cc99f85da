package dev.cellflow.internal.task;

import dev.cellflow.CellflowException;
import dev.cellflow.Current;
import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.ParallelNode;
import dev.cellflow.compute.SplitFrame;
import dev.cellflow.compute.TaskRef;
import dev.cellflow.compute.TaskSpec;
import dev.cellflow.datastore.Storage;
import dev.cellflow.internal.StepRecorder;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.metadata.TaskResult;
import dev.cellflow.internal.serialize.AllowList;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one task in this process: loads the artifacts it starts from, runs the step, checks that
 * it made exactly one transition, stores its artifacts and its result. Every backend ends up
 * here. It does not rebuild the flow's graph (the runtime validated it, and checks each task's
 * transition against it): a task process loads as few classes as it can.
 *
 * <p>One runner per process. A warm worker's runner ({@link #forWarmWorker}) loads the flow's
 * own classes in a {@link FlowLoader} and keeps it for the next task only while those classes
 * hold no state; what it keeps between tasks (the flow's reflection, the run's storage and
 * parameters) lives in the runner, and goes with the loader it belongs to.
 */
public final class TaskRunner {
  private final FlowLoaders loaders;
  private ClassLoader lastLoader;

  private TaskRunner(FlowLoaders loaders) {
    this.loaders = loaders;
  }

  /** A runner for a process that runs one task: the flow's classes come from {@code parent}. */
  public static TaskRunner forOneTask(ClassLoader parent) {
    return new TaskRunner(new FlowLoaders(parent, false));
  }

  /**
   * A runner for a process that runs task after task: the flow's own classes come from a loader
   * of their own, a new one for the next task whenever one of them can hold state.
   */
  public static TaskRunner forWarmWorker(ClassLoader parent) {
    return new TaskRunner(new FlowLoaders(parent, true));
  }

  /**
   * Whether the next task gets a new loader because the last task's classes can hold state.
   * It then starts on a new thread too, so that no ThreadLocal of the last one reaches it.
   */
  boolean renewsLoader() {
    return loaders.renews();
  }

  private synchronized ClassLoader loader(String flowClass, boolean forTask) {
    ClassLoader l = loaders.next(flowClass, forTask);
    if (l != lastLoader) {
      flows.clear(); // the last loader's classes: let them go with it
      lastLoader = l;
    }
    return l;
  }

  /**
   * Runs {@code spec} on this thread, with the flow's loader as its context loader. A user
   * exception propagates as thrown by the step; a broken flow or artifact is a {@link
   * CellflowException} naming the step.
   */
  public void run(TaskSpec spec) throws Throwable {
    Thread self = Thread.currentThread();
    ClassLoader before = self.getContextClassLoader();
    try {
      if (TaskKind.isKind(spec.flowClass())) {
        TaskKind.of(spec.flowClass()).run(spec); // e.g. a notebook cell shipped to a backend
        return;
      }
      ClassLoader loader = loader(spec.flowClass(), true);
      self.setContextClassLoader(loader);
      run(spec, loader);
    } finally {
      self.setContextClassLoader(before);
    }
  }

  private void run(TaskSpec spec, ClassLoader loader) throws Throwable {
    Class<? extends FlowSpec> cls = loadFlow(spec.flowClass(), loader);
    AllowList.trustFlow(cls);
    FlowClass fc = flows.computeIfAbsent(cls, k -> FlowClass.of(cls));
    Method method = stepMethod(fc, spec.step());
    boolean join = method.getParameterCount() == 1;
    FlowDatastore ds = new FlowDatastore(storages.computeIfAbsent(
        spec.datastore() + ":" + spec.datastoreRoot(),
        k -> Datastores.open(spec.datastore(), spec.datastoreRoot())), cls.getSimpleName());
    RunMeta run = runMeta(ds, spec.run());

    FlowSpec flow = newFlow(fc, run);
    Inputs<FlowSpec> inputs = null;
    TaskResult parentResult = null;
    if (join) {
      // read as used, each stored object once; spec.touches() is null (all fields) when the join
      // may hand an input to code the bytecode scan cannot follow
      inputs = JoinInputs.of(ds, spec, fc.artifacts(), () -> newFlow(fc, run), loader);
    } else if (spec.parents().size() == 1) {
      parentResult = load(ds, spec.run(), spec.parents().get(0), flow, fc, spec.touches(),
          loader);
    }

    Object input = null;
    int index = -1;
    List<SplitFrame> stack = spec.splitStack();
    if (!stack.isEmpty() && stack.get(stack.size() - 1).foreach()) {
      SplitFrame top = stack.get(stack.size() - 1);
      index = top.index();
      // the first step of a split has the foreach task as its parent: its result is read already
      TaskResult splitter = parentResult != null && !join
          && spec.parents().get(0).equals(new TaskRef(top.step(), top.task()))
          ? parentResult : ds.result(spec.run(), top.step(), top.task());
      input = WarmReads.foreachInput(ds, spec.run(), splitter, top, loader);
    }

    StepRecorder recorder = new StepRecorder(new Current(cls.getSimpleName(), spec.run(),
        spec.step(), spec.task(), spec.attempt(), spec.datastore(), spec.datastoreRoot()),
        input, index);
    StepRecorder.setRunning(recorder);
    try {
      invoke(method, flow, inputs);
    } finally {
      StepRecorder.setRunning(null);
    }
    if (!ParallelNode.of(System.getenv()).main()) {
      return; // a @Parallel step's other nodes: the main node's artifacts are the step's
    }
    StepRecorder.Transition t = checkTransition(spec.step(), recorder);
    int splits = t == null || t.foreachField() == null ? 0
        : countSplits(spec.step(), t.foreachField(), flow, fc, spec.maxNumSplits());
    // what the step cannot have touched is passed on by reference: not read, not rewritten
    Map<String, ArtifactRef> stored = store(ds, flow, fc, spec.step(),
        join ? null : spec.touches(), parentResult);
    ds.saveCards(spec.run(), spec.step(), spec.task(), recorder.cards().all());
    ds.saveResult(spec.run(), spec.step(), spec.task(), new TaskResult(
        t == null ? List.of() : t.targets(), t == null ? null : t.foreachField(), splits, stored));
  }

  // of the current loader's classes only
  private final Map<Class<?>, FlowClass> flows = new ConcurrentHashMap<>();
  // a warm worker runs many tasks of one run: open its storage and read its parameters once
  private final Map<String, Storage> storages = new ConcurrentHashMap<>();
  private final Map<String, RunMeta> runs = new ConcurrentHashMap<>();

  private RunMeta runMeta(FlowDatastore ds, int run) throws IOException {
    String key = ds.storage().root() + "/" + ds.flow() + "/" + run;
    RunMeta m = runs.get(key);
    if (m == null) {
      m = ds.run(run);
      runs.put(key, m);
    }
    return m;
  }

  private static Method stepMethod(FlowClass fc, String step) {
    Method m = fc.steps().get(step);
    if (m == null) {
      throw new CellflowException("flow " + fc.cls().getSimpleName() + " has no @Step method '"
          + step + "'");
    }
    return m;
  }

  /**
   * Loads flow class {@code name} (without running its static initializers, which belong to its
   * first task) and reflects over it, ahead of the first task of a process that will run it.
   * Anything wrong is left for that task to report.
   */
  public void prepare(String name) {
    if (name == null || TaskKind.isKind(name)) {
      return;
    }
    try {
      Class<?> c = Class.forName(name, false, loader(name, false));
      if (FlowSpec.class.isAssignableFrom(c)) {
        @SuppressWarnings("unchecked")
        Class<? extends FlowSpec> cls = (Class<? extends FlowSpec>) c;
        flows.computeIfAbsent(cls, k -> FlowClass.of(cls));
      }
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      // the task says what is wrong
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends FlowSpec> loadFlow(String name, ClassLoader loader) {
    try {
      Class<?> c = Class.forName(name, true, loader);
      if (!FlowSpec.class.isAssignableFrom(c)) {
        throw new CellflowException(name + " is not a flow: it does not extend FlowSpec");
      }
      return (Class<? extends FlowSpec>) c;
    } catch (ClassNotFoundException e) {
      throw new CellflowException("flow class " + name + " is not on the task's classpath", e);
    }
  }

  private static FlowSpec newFlow(FlowClass fc, RunMeta run) {
    if (fc.ctor() == null) {
      throw new CellflowException("flow " + fc.cls().getSimpleName()
          + " needs a constructor without arguments");
    }
    try {
      FlowSpec f = fc.ctor().newInstance();
      Parameters.apply(f, fc.params(), run.parameters());
      return f;
    } catch (ReflectiveOperationException e) {
      throw new CellflowException("cannot create flow " + fc.cls().getSimpleName() + ": " + e,
          e);
    }
  }

  /** Loads the artifacts of task {@code parent} into {@code into}; returns its result. */
  private static TaskResult load(FlowDatastore ds, int run, TaskRef parent, FlowSpec into,
      FlowClass fc, Set<String> only, ClassLoader loader) throws IOException {
    TaskResult r = WarmReads.parentResult(ds, run, parent);
    for (Field f : fc.artifacts()) {
      ArtifactRef ref = r.artifacts().get(f.getName());
      if (ref != null && (only == null || only.contains(f.getName()))) {
        set(f, into, ds.getArtifact(ref, loader, f.getName(),
            ds.flow() + "/" + run + "/" + parent), ref);
      }
    }
    return r;
  }

  /** Sets artifact field {@code f} of {@code into} to {@code value}, stored at {@code ref}. */
  static void set(Field f, FlowSpec into, Object value, ArtifactRef ref) {
    try {
      f.set(into, value);
    } catch (IllegalAccessException | IllegalArgumentException e) {
      throw new CellflowException("cannot load artifact '" + f.getName() + "' (stored as "
          + ref.type() + ") into field of type " + f.getType().getName(), e);
    }
  }

  private static void invoke(Method m, FlowSpec flow, Inputs<?> inputs) throws Throwable {
    try {
      if (inputs != null) {
        m.invoke(flow, inputs);
      } else {
        m.invoke(flow);
      }
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The step's one transition (null for the end step), or an error saying what it did. */
  private static StepRecorder.Transition checkTransition(String step, StepRecorder rec) {
    String where = "step '" + step + "'";
    List<StepRecorder.Transition> ts = rec.transitions();
    if (step.equals("end")) {
      if (!ts.isEmpty()) {
        throw new CellflowException(where + " called next(...) but it is the end step");
      }
      return null;
    }
    if (ts.size() != 1) {
      throw new CellflowException(where + " called next/foreach " + ts.size()
          + " times while running; a step ends with exactly one transition");
    }
    return ts.get(0);
  }

  private static int countSplits(String step, String field, FlowSpec flow, FlowClass fc,
      int max) {
    String where = "step '" + step + "'";
    Object value = null;
    boolean found = false;
    for (Field a : fc.artifacts()) {
      if (a.getName().equals(field)) {
        try {
          value = a.get(flow);
          found = true;
        } catch (IllegalAccessException e) {
          throw new CellflowException(where + ": cannot read foreach field " + field, e);
        }
      }
    }
    if (!found) {
      throw new CellflowException(where + ": foreach(\"" + field + "\", ...) names no artifact"
          + " field of " + flow.getClass().getSimpleName());
    }
    int n = 0;
    for (Iterator<?> it = iterate(value, step, field); it.hasNext(); it.next()) {
      n++;
    }
    if (n > max) {
      throw new CellflowException(where + ": foreach over '" + field + "' makes " + n
          + " splits, more than the limit of " + max + "; raise it with --max-num-splits " + n);
    }
    if (n == 0) {
      throw new CellflowException(where + ": foreach over '" + field + "' is empty;"
          + " a foreach needs at least one element");
    }
    return n;
  }

  static Iterator<?> iterate(Object value, String step, String field) {
    if (value == null) {
      throw new CellflowException("step '" + step + "': foreach field '" + field + "' is null;"
          + " set it to a collection or an array before foreach(...)");
    }
    if (value instanceof Collection<?> c) {
      return c.iterator();
    }
    if (value instanceof Iterable<?> it) {
      return it.iterator();
    }
    if (value.getClass().isArray()) {
      int len = Array.getLength(value);
      List<Object> l = new ArrayList<>(len);
      for (int i = 0; i < len; i++) {
        l.add(Array.get(value, i));
      }
      return l.iterator();
    }
    throw new CellflowException("step '" + step + "': foreach field '" + field + "' holds a "
        + value.getClass().getName() + ", which is not a collection or an array");
  }

  private static Map<String, ArtifactRef> store(FlowDatastore ds, FlowSpec flow, FlowClass fc,
      String step, Set<String> only, TaskResult carry) throws IOException {
    Map<String, ArtifactRef> out = new LinkedHashMap<>();
    for (Field f : fc.artifacts()) {
      if (only != null && !only.contains(f.getName()) && carry != null
          && carry.artifacts().containsKey(f.getName())) {
        out.put(f.getName(), carry.artifacts().get(f.getName()));
        continue;
      }
      Object v;
      try {
        v = f.get(flow);
      } catch (IllegalAccessException e) {
        throw new CellflowException("cannot read artifact field " + f.getName(), e);
      }
      try {
        out.put(f.getName(), ds.putArtifact(v));
      } catch (FlowDatastore.NotStorableException e) {
        throw new CellflowException("step '" + step + "': artifact '" + f.getName()
            + "' of type " + v.getClass().getName() + " cannot be stored: " + e.getMessage()
            + "; make the field transient, or keep a serializable value in it");
      }
    }
    return out;
  }
}
