package dev.cellflow.internal.notebook;

import dev.cellflow.compute.TaskSpec;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.Json;
import dev.cellflow.internal.metadata.TaskResult;
import dev.cellflow.internal.serialize.AllowList;
import dev.cellflow.internal.StepRecorder;
import dev.cellflow.internal.task.TaskKind;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task side of a remote cell: any backend starts it through the task entry point with the
 * flow class {@code cell:FLOW}. It reads the cell's {@link CellPackage}, defines its classes
 * (compiled in the kernel), sets the variables it reads, runs it, and stores its outputs: those
 * within the return limit (or kept) as artifacts, the others left behind and named in the {@link
 * CellOutcome}.
 */
public final class CellTask implements TaskKind {
  /** The flow-class prefix that marks a remote cell's task. */
  public static final String PREFIX = "cell:";

  /** For {@link java.util.ServiceLoader}: the task runner finds cell tasks as a {@link TaskKind}. */
  public CellTask() {}

  @Override
  public String kind() {
    return "cell";
  }

  @Override
  public void run(TaskSpec spec) throws Throwable {
    runCell(spec);
  }

  /** The key of a task's package: {@code FLOW/RUN/STEP/TASK/cell.json}. */
  public static String packageKey(String flow, int run, String step, int task) {
    return flow + "/" + run + "/" + step + "/" + task + "/cell.json";
  }

  /** The key of a task's outcome, beside its package. */
  public static String outcomeKey(String flow, int run, String step, int task) {
    return flow + "/" + run + "/" + step + "/" + task + "/cell-outcome.json";
  }

  /** Runs the cell task {@code spec}; the cell's own exception propagates. */
  static void runCell(TaskSpec spec) throws Throwable {
    String flow = spec.flowClass().substring(PREFIX.length());
    FlowDatastore ds = new FlowDatastore(Datastores.open(spec.datastore(), spec.datastoreRoot()),
        flow);
    CellPackage p;
    try (InputStream in = ds.storage().read(packageKey(flow, spec.run(), spec.step(),
        spec.task()))) {
      p = Json.read(in, CellPackage.class);
    }
    AllowList.trustNotebookCells();
    List<String> jarPaths = fetchJars(ds, p.jars());
    URL[] urls = new URL[jarPaths.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = Path.of(jarPaths.get(i)).toUri().toURL();
    }
    ClassLoader base = new URLClassLoader(urls, CellTask.class.getClassLoader());
    ClassLoader loader = CellClasses.load(p.classes(), base);
    Thread.currentThread().setContextClassLoader(loader);
    Map<String, String> types = new LinkedHashMap<>();
    for (CellPackage.Input in : p.inputs()) {
      holderField(loader, in).set(null, ds.getArtifact(in.ref(), loader));
      types.put(in.name(), in.type());
    }
    // the cell's code may attach cards (Current.get().card()): stored with its result
    StepRecorder step = new StepRecorder(new dev.cellflow.Current(flow, spec.run(), spec.step(),
        spec.task(), spec.attempt(), spec.datastore(), spec.datastoreRoot()), null, -1);
    StepRecorder.setRunning(step);
    Map<String, Object> values;
    try {
      values = invoke(loader);
    } finally {
      StepRecorder.setRunning(null);
    }
    ds.saveCards(spec.run(), spec.step(), spec.task(), step.cards().all());
    for (CellPackage.Input in : p.inputs()) {
      if (p.assigned().contains(in.name())) {
        values.putIfAbsent(in.name(), holderField(loader, in).get(null));
      }
    }
    types.putAll(p.types());
    store(ds, spec, p, values, types);
  }

  private static java.lang.reflect.Field holderField(ClassLoader loader, CellPackage.Input in)
      throws ReflectiveOperationException {
    java.lang.reflect.Field f = loader.loadClass(in.holder()).getDeclaredField(in.name());
    f.setAccessible(true);
    return f;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> invoke(ClassLoader loader) throws Throwable {
    try {
      return (Map<String, Object>) loader.loadClass(CellClasses.CELL_CLASS)
          .getMethod("run").invoke(null);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * The jars the cell's session added, as files. They are kept by content under the temporary
   * folder, not per task: a task ended by a kill leaves nothing new behind, and later tasks on
   * the machine (warm workers, a shared folder) find them there.
   */
  private static List<String> fetchJars(FlowDatastore ds, List<CellPackage.Jar> jars)
      throws IOException {
    if (jars.isEmpty()) {
      return List.of();
    }
    Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
        "cellflow-cell-jars-" + System.getProperty("user.name")));
    dev.cellflow.internal.datastore.StaleFiles.sweep(dir, "*.part");
    List<String> out = new ArrayList<>();
    for (CellPackage.Jar j : jars) {
      String id = j.ref().key().replaceAll("[^A-Za-z0-9._-]", "_");
      Path f = dir.resolve(id + "-" + Path.of(j.name()).getFileName());
      if (!Files.isRegularFile(f)) { // written whole, then moved: a reader never sees part
        Path tmp = Files.createTempFile(dir, ".jar", ".part");
        Files.write(tmp, (byte[]) ds.getArtifact(j.ref(), CellTask.class.getClassLoader()));
        Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      out.add(f.toString());
    }
    return out;
  }

  private static void store(FlowDatastore ds, TaskSpec spec, CellPackage p,
      Map<String, Object> values, Map<String, String> types) throws IOException {
    Map<String, ArtifactRef> artifacts = new LinkedHashMap<>(p.carried());
    List<CellOutcome.Output> outs = new ArrayList<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      String name = e.getKey();
      long size = Sizes.estimate(e.getValue());
      // a size no serializer could measure: try to store it, and say why not if it fails
      boolean within = size < 0 || size <= p.returnLimit();
      ArtifactRef ref = null;
      String problem = CellLambdas.madeInCell(e.getValue());
      if (problem == null && (within || p.keep().contains(name))) {
        try {
          ref = ds.putArtifact(e.getValue());
          artifacts.put(name, ref);
        } catch (FlowDatastore.NotStorableException x) {
          problem = x.getMessage() + (x.getMessage().endsWith("is not Serializable")
              ? "; make its class Serializable (records, enums and collections of them need"
                  + " not be), or keep the value inside the cell" : "");
        }
      }
      if (ref == null) {
        artifacts.remove(name); // an older value of the name must not pass for this one
      }
      outs.add(new CellOutcome.Output(name, types.getOrDefault(name, "Object"), ref, size,
          ref != null && within, problem));
    }
    ds.storage().put(outcomeKey(ds.flow(), spec.run(), spec.step(), spec.task()),
        Json.write(new CellOutcome(outs)));
    ds.saveResult(spec.run(), spec.step(), spec.task(),
        new TaskResult(List.of(), null, 0, artifacts));
  }
}
