package dev.cellflow.task;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.datastore.Datastores;
import dev.cellflow.datastore.FlowDatastore;
import dev.cellflow.datastore.Storage;
import dev.cellflow.internal.StepRecorder;
import dev.cellflow.metadata.ArtifactRef;
import dev.cellflow.metadata.RunMeta;
import dev.cellflow.metadata.SplitFrame;
import dev.cellflow.metadata.TaskResult;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one task in this process: loads the artifacts it starts from, runs the step, checks that
 * it made exactly one transition, stores its artifacts and its result. Every backend ends up
 * here. It does not rebuild the flow's graph (the runtime validated it, and checks each task's
 * transition against it): a task process loads as few classes as it can.
 */
public final class TaskRunner {
  private TaskRunner() {}

  /**
   * Runs {@code spec}. A user exception propagates as thrown by the step; a broken flow or
   * artifact is a {@link CellflowException} naming the step.
   */
  public static void run(TaskSpec spec) throws Throwable {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Class<? extends FlowSpec> cls = loadFlow(spec.flowClass(), loader);
    Method method = stepMethod(cls, spec.step());
    boolean join = method.getParameterCount() == 1;
    FlowDatastore ds = new FlowDatastore(STORAGES.computeIfAbsent(
        spec.datastore() + ":" + spec.datastoreRoot(),
        k -> Datastores.open(spec.datastore(), spec.datastoreRoot())), cls.getSimpleName());
    RunMeta run = runMeta(ds, spec.run());

    FlowSpec flow = newFlow(cls, run);
    Inputs<FlowSpec> inputs = null;
    if (join) {
      List<FlowSpec> ins = new ArrayList<>();
      List<String> steps = new ArrayList<>();
      for (String parent : spec.parents()) {
        FlowSpec in = newFlow(cls, run);
        load(ds, spec.run(), parent, in, loader);
        ins.add(in);
        steps.add(parent.substring(0, parent.indexOf('/')));
      }
      inputs = new Inputs<>(ins, steps);
    } else if (spec.parents().size() == 1) {
      load(ds, spec.run(), spec.parents().get(0), flow, loader);
    }

    Object input = null;
    int index = -1;
    List<SplitFrame> stack = spec.splitStack();
    if (!stack.isEmpty() && stack.get(stack.size() - 1).foreach()) {
      SplitFrame top = stack.get(stack.size() - 1);
      index = top.index();
      input = foreachInput(ds, spec.run(), top, loader);
    }

    StepRecorder recorder = new StepRecorder(spec.step(), input, index);
    StepRecorder.setCurrent(recorder);
    try {
      invoke(method, flow, inputs);
    } finally {
      StepRecorder.setCurrent(null);
    }
    StepRecorder.Transition t = checkTransition(spec.step(), recorder);
    int splits = t == null || t.foreachField() == null ? 0
        : countSplits(spec.step(), t.foreachField(), flow, spec.maxNumSplits());
    Map<String, ArtifactRef> stored = store(ds, flow, spec.step());
    ds.saveResult(spec.run(), spec.step(), spec.task(), new TaskResult(
        t == null ? List.of() : t.targets(), t == null ? null : t.foreachField(), splits, stored));
  }

  private static final Map<Class<?>, Map<String, Method>> METHODS = new ConcurrentHashMap<>();
  // a warm worker runs many tasks of one run: open its storage and read its parameters once
  private static final Map<String, Storage> STORAGES = new ConcurrentHashMap<>();
  private static final Map<String, RunMeta> RUNS = new ConcurrentHashMap<>();

  private static RunMeta runMeta(FlowDatastore ds, int run) throws IOException {
    String key = ds.storage().root() + "/" + ds.flow() + "/" + run;
    RunMeta m = RUNS.get(key);
    if (m == null) {
      m = ds.run(run);
      RUNS.put(key, m);
    }
    return m;
  }

  private static Method stepMethod(Class<?> cls, String step) {
    Method m = METHODS.computeIfAbsent(cls, c -> {
      Map<String, Method> byName = new ConcurrentHashMap<>();
      for (Class<?> k = c; k != FlowSpec.class && k != null; k = k.getSuperclass()) {
        for (Method candidate : k.getDeclaredMethods()) {
          if (candidate.isAnnotationPresent(dev.cellflow.Step.class) && !candidate.isBridge()) {
            candidate.setAccessible(true);
            byName.putIfAbsent(candidate.getName(), candidate);
          }
        }
      }
      return byName;
    }).get(step);
    if (m == null) {
      throw new CellflowException("flow " + cls.getSimpleName() + " has no @Step method '"
          + step + "'");
    }
    return m;
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

  private static FlowSpec newFlow(Class<? extends FlowSpec> cls, RunMeta run) {
    try {
      var ctor = cls.getDeclaredConstructor();
      ctor.setAccessible(true);
      FlowSpec f = ctor.newInstance();
      Parameters.apply(f, run.parameters());
      return f;
    } catch (NoSuchMethodException e) {
      throw new CellflowException("flow " + cls.getSimpleName()
          + " needs a constructor without arguments");
    } catch (ReflectiveOperationException e) {
      throw new CellflowException("cannot create flow " + cls.getSimpleName() + ": " + e, e);
    }
  }

  private static void load(FlowDatastore ds, int run, String parent, FlowSpec into,
      ClassLoader loader) throws IOException {
    int slash = parent.indexOf('/');
    TaskResult r = ds.result(run, parent.substring(0, slash),
        Integer.parseInt(parent.substring(slash + 1)));
    for (Field f : FlowSpec.Artifacts.fields(into.getClass())) {
      ArtifactRef ref = r.artifacts().get(f.getName());
      if (ref != null) {
        try {
          f.set(into, ds.getArtifact(ref, loader));
        } catch (IllegalAccessException | IllegalArgumentException e) {
          throw new CellflowException("cannot load artifact '" + f.getName() + "' (stored as "
              + ref.type() + ") into field of type " + f.getType().getName(), e);
        }
      }
    }
  }

  private static Object foreachInput(FlowDatastore ds, int run, SplitFrame top,
      ClassLoader loader) throws IOException {
    TaskResult parent = ds.result(run, top.step(), top.task());
    String field = parent.foreachField();
    ArtifactRef ref = parent.artifacts().get(field);
    Object all = ref == null ? null : ds.getArtifact(ref, loader);
    Iterator<?> it = iterate(all, top.step(), field);
    for (int i = 0; i < top.index(); i++) {
      it.next();
    }
    return it.next();
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

  private static int countSplits(String step, String field, FlowSpec flow, int max) {
    String where = "step '" + step + "'";
    Object value = null;
    boolean found = false;
    for (Field a : FlowSpec.Artifacts.fields(flow.getClass())) {
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

  private static Iterator<?> iterate(Object value, String step, String field) {
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

  private static Map<String, ArtifactRef> store(FlowDatastore ds, FlowSpec flow, String step)
      throws IOException {
    Map<String, ArtifactRef> out = new LinkedHashMap<>();
    for (Field f : FlowSpec.Artifacts.fields(flow.getClass())) {
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
