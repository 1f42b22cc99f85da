package dev.cellflow.client;

import dev.cellflow.CellflowException;
import dev.cellflow.TaskStatus;
import dev.cellflow.card.Card;
import dev.cellflow.compute.SplitFrame;
import dev.cellflow.compute.TaskLogs;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.metadata.ArtifactRef;
import dev.cellflow.internal.metadata.TaskMeta;
import dev.cellflow.internal.metadata.TaskResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One task: its record, its artifacts (loaded when asked for) and its output. */
public final class Task implements ClientObject {
  private final FlowDatastore ds;
  private final int run;
  private final String step;
  private final int id;
  private TaskMeta meta;

  Task(FlowDatastore ds, int run, String step, int id) {
    this.ds = ds;
    this.run = run;
    this.step = step;
    this.id = id;
  }

  /** The task id. */
  public int id() {
    return id;
  }

  @Override
  public String pathspec() {
    return ds.flow() + "/" + run + "/" + step + "/" + id;
  }

  private TaskMeta meta() {
    if (meta == null) {
      try {
        meta = ds.task(run, step, id);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (meta == null) {
        throw new CellflowException("task " + pathspec() + " has no record yet (still running)");
      }
    }
    return meta;
  }

  /** How it ended ({@link TaskStatus#RUNNING} while its job runs, where a backend names one). */
  public TaskStatus status() {
    return meta().status();
  }

  /** Whether the task succeeded. */
  public boolean successful() {
    return status() == TaskStatus.SUCCEEDED;
  }

  /** Why it failed, in words, or null. */
  public String error() {
    return meta().error();
  }

  /** The attempt, from 0. */
  public int attempt() {
    return meta().attempt();
  }

  /** The exit code of its process when the process ended with it, else null. */
  public Integer exitCode() {
    return meta().exitCode();
  }

  /** The process that ran it. */
  public long pid() {
    return meta().pid();
  }

  /** What ran it where its backend names it (the AWS Batch job id), else null. */
  public String externalId() {
    return meta().externalId();
  }

  /** When it started. */
  public Instant startedAt() {
    return Instant.ofEpochMilli(meta().startedAt());
  }

  /** When it ended. */
  public Instant finishedAt() {
    return Instant.ofEpochMilli(meta().finishedAt());
  }

  /** Its position in the innermost foreach around it, or -1 outside a foreach. */
  public int foreachIndex() {
    List<SplitFrame> stack = meta().splitStack();
    for (int i = stack.size() - 1; i >= 0; i--) {
      if (stack.get(i).foreach()) {
        return stack.get(i).index();
      }
    }
    return -1;
  }

  /**
   * The pathspecs ({@code FLOW/RUN/STEP/TASK}) of the tasks whose artifacts it started from: one
   * for most tasks, one per input for a join, none for the first step.
   */
  public List<String> parents() {
    String run = ds.flow() + "/" + this.run + "/";
    return meta().parents().stream().map(p -> run + p).toList();
  }

  /**
   * How many splits its foreach made (one task of the next step each); 0 when its step is no
   * foreach, or it has no result (it failed, or still runs).
   */
  public int splits() {
    if (!successful()) {
      return 0;
    }
    try {
      return ds.result(run, step, id).foreachCount();
    } catch (CellflowException noResult) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Its artifacts by name; values load only when {@link Artifact#value()} is called. */
  public Map<String, Artifact> artifacts() {
    TaskResult r;
    try {
      r = ds.result(run, step, id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Artifact> out = new LinkedHashMap<>();
    for (Map.Entry<String, ArtifactRef> e : r.artifacts().entrySet()) {
      out.put(e.getKey(), new Artifact(ds, pathspec() + "/" + e.getKey(), e.getKey(),
          e.getValue()));
    }
    return out;
  }

  /** The artifact {@code name}; an error naming the ones there are when it has none. */
  public Artifact artifact(String name) {
    Map<String, Artifact> all = artifacts();
    Artifact a = all.get(name);
    if (a == null) {
      throw new CellflowException("task " + pathspec() + " has no artifact '" + name
          + "'; it has " + all.keySet());
    }
    return a;
  }

  /**
   * The cards its step attached ({@code Current.get().card()}), in order; none when it attached
   * none, did not succeed, or ran before cellflow had cards.
   */
  public List<Card> cards() {
    try {
      return ds.cards(run, step, id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What it printed on stdout. */
  public String stdout() {
    return log("stdout");
  }

  /** What it printed on stderr. */
  public String stderr() {
    return log("stderr");
  }

  private String log(String stream) {
    try {
      return TaskLogs.withoutTimestamps(ds.log(run, step, id, attempt(), stream));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "Task(" + pathspec() + ")";
  }
}
