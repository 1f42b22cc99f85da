package dev.cellflow.kernel.session;

import dev.cellflow.RunStatus;
import dev.cellflow.TaskStatus;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.liveness.Lease;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.Json;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.metadata.TaskMeta;
import dev.cellflow.internal.metadata.TaskResult;
import dev.cellflow.internal.serialize.AllowList;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notebook's run: each executed cell is a step {@code cell_N} with one task, whose result holds
 * the run's artifacts so far (the cell's outputs stored, the others passed on by reference). The
 * run's records are those of any flow run, so the Client API, {@code logs} and {@code runs} read
 * it; its flow class is {@code REPL.NAME}, naming the package JShell defines cell classes in.
 */
public final class NotebookRun {
  private final FlowDatastore ds;
  private RunMeta meta;
  private final Lease lease;
  private final Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
  private int steps;
  private String lastStep;

  private NotebookRun(FlowDatastore ds, RunMeta meta) {
    this.ds = ds;
    this.meta = meta;
    // while the kernel holds the run, readers see it running; once the kernel is gone, dead
    this.lease = Lease.hold(ds, meta.runId());
    AllowList.trustNotebookCells();
  }

  /** Starts a new run of the notebook flow {@code ds.flow()}; {@code resumedFrom} may be null. */
  public static NotebookRun start(FlowDatastore ds, String user, Integer resumedFrom)
      throws IOException {
    RunMeta m = ds.newRun(new RunMeta(ds.flow(), "REPL." + ds.flow(), 0, user, RunStatus.RUNNING,
        System.currentTimeMillis(), 0, Map.of(), List.of("notebook"), resumedFrom));
    return new NotebookRun(ds, m);
  }

  /** The run's datastore part. */
  public FlowDatastore datastore() {
    return ds;
  }

  /** The run's id. */
  public int id() {
    return meta.runId();
  }

  /** {@code FLOW/RUN}. */
  public String pathspec() {
    return ds.flow() + "/" + meta.runId();
  }

  /** The run's artifacts after its last successful step, by name. */
  public Map<String, ArtifactRef> artifacts() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(artifacts)); // in order
  }

  /** A step about to run: its name and task id. */
  public record StepId(String step, int task) {
    /** {@code STEP/TASK}. */
    public String pathspec() {
      return step + "/" + task;
    }
  }

  /** Names the next step ({@code cell_1}, {@code cell_2}, ...). */
  public synchronized StepId nextStep() {
    steps++;
    return new StepId("cell_" + steps, steps);
  }

  /** How many steps were named so far ({@link #nextStep}). */
  public synchronized int stepsNamed() {
    return steps;
  }

  /** The parents a new step's task records: the last step that ran. */
  public List<String> parents() {
    return lastStep == null ? List.of() : List.of(lastStep);
  }

  /**
   * Records a step that succeeded: its outputs join the run's artifacts, and its result holds
   * them all. {@code stdout} may be null.
   */
  public synchronized void succeeded(StepId id, long startedAt, long pid,
      Map<String, ArtifactRef> outputs, CellRecord record, String stdout) throws IOException {
    artifacts.putAll(outputs);
    saveLogs(id, stdout);
    ds.storage().put(recordKey(id), Json.write(record));
    ds.saveResult(meta.runId(), id.step(), id.task(),
        new TaskResult(List.of(), null, 0, new LinkedHashMap<>(artifacts)));
    ds.saveTask(meta.runId(), new TaskMeta(id.step(), id.task(), 0, TaskStatus.SUCCEEDED, startedAt,
        System.currentTimeMillis(), pid, null, parents(), List.of(), null, null));
    lastStep = id.pathspec();
  }

  /**
   * Adds {@code values} to the run's artifacts before a step runs (what JJava's unrecorded cells
   * made since the last step): the step's result holds them.
   */
  public synchronized void carry(Map<String, ArtifactRef> values) {
    artifacts.putAll(values);
  }

  /** Records a step whose cell failed with {@code error}; the run's artifacts stay as they were. */
  public synchronized void failed(StepId id, long startedAt, long pid, String error,
      CellRecord record, String stdout) throws IOException {
    saveLogs(id, stdout);
    ds.storage().put(recordKey(id), Json.write(record));
    ds.saveTask(meta.runId(), new TaskMeta(id.step(), id.task(), 0, TaskStatus.FAILED, startedAt,
        System.currentTimeMillis(), pid, null, parents(), List.of(), error, null));
  }

  /** Records a step whose task ran elsewhere and already stored its result. */
  public synchronized void ranElsewhere(StepId id, TaskResult result, CellRecord record)
      throws IOException {
    artifacts.clear();
    artifacts.putAll(result.artifacts());
    ds.storage().put(recordKey(id), Json.write(record));
    lastStep = id.pathspec();
  }

  private void saveLogs(StepId id, String stdout) throws IOException {
    if (stdout != null && !stdout.isEmpty()) {
      ds.storage().put(ds.logKey(meta.runId(), id.step(), id.task(), 0, "stdout"),
          stdout.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** Ends the run as {@code succeeded}, {@code failed} or {@code killed}. */
  public synchronized void finish(RunStatus status) throws IOException {
    meta = meta.finished(status, System.currentTimeMillis());
    ds.saveRun(meta);
    lease.close();
  }

  private String recordKey(StepId id) {
    return ds.flow() + "/" + meta.runId() + "/" + id.step() + "/" + id.task()
        + "/cell-record.json";
  }

  /** A step of a past run, as resume reads it. */
  public record PastStep(String step, int task, TaskStatus status, CellRecord record) {}

  /** The steps of run {@code run} of the flow, in the order they ran. */
  public static List<PastStep> pastSteps(FlowDatastore ds, int run) throws IOException {
    List<PastStep> out = new ArrayList<>();
    for (String step : ds.steps(run)) {
      for (int task : ds.tasks(run, step)) {
        TaskMeta t = ds.task(run, step, task);
        String key = ds.flow() + "/" + run + "/" + step + "/" + task + "/cell-record.json";
        if (t == null || !ds.storage().exists(key)) {
          continue;
        }
        try (InputStream in = ds.storage().read(key)) {
          out.add(new PastStep(step, task, t.status(), Json.read(in, CellRecord.class)));
        }
      }
    }
    out.sort(java.util.Comparator.comparingInt(PastStep::task));
    return out;
  }

  /**
   * Makes this run a resumption of {@code origin}: its successful steps are reused in order
   * (recorded here with their origin; failed ones are left out), and the run's artifacts become
   * the last reused step's. Returns the steps reused.
   */
  public synchronized List<PastStep> reuse(int origin) throws IOException {
    List<PastStep> reused = new ArrayList<>();
    for (PastStep p : pastSteps(ds, origin)) {
      if (p.status() != TaskStatus.SUCCEEDED) {
        continue; // a failed cell left nothing; a later cell may have been its fixed version
      }
      TaskResult r = ds.result(origin, p.step(), p.task());
      StepId id = nextStep();
      TaskMeta t = ds.task(origin, p.step(), p.task());
      ds.saveResult(meta.runId(), id.step(), id.task(), r);
      ds.storage().put(recordKey(id), Json.write(p.record()));
      ds.saveTask(meta.runId(), new TaskMeta(id.step(), id.task(), 0, TaskStatus.SUCCEEDED,
          t.startedAt(), t.finishedAt(), t.pid(), null, parents(), List.of(), null,
          origin + "/" + p.step() + "/" + p.task()));
      artifacts.clear();
      artifacts.putAll(r.artifacts());
      lastStep = id.pathspec();
      reused.add(p);
    }
    return reused;
  }
}
