package dev.cellflow.client;

import dev.cellflow.CellflowException;
import dev.cellflow.RunStatus;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.liveness.Liveness;
import dev.cellflow.internal.metadata.RunMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One run of a flow. */
public final class Run implements ClientObject {
  private final FlowDatastore ds;
  private final RunMeta meta;
  private volatile RunStatus status;

  Run(FlowDatastore ds, RunMeta meta) {
    this.ds = ds;
    this.meta = meta;
    // its flow class, as _run.json names it, widens nothing: Flow.of(Class) trusts a flow's
    // classes (see AllowList)
  }

  /** The run's id. */
  public int id() {
    return meta.runId();
  }

  @Override
  public String pathspec() {
    return ds.flow() + "/" + meta.runId();
  }

  /**
   * How it stands or ended; {@link RunStatus#DEAD} where it is recorded as running but its
   * runtime is gone without recording an end ({@code kill -9}, a crash, a lost machine; see
   * {@link Liveness} for how that is told). Asked once per {@code Run}.
   */
  public RunStatus status() {
    RunStatus s = status;
    if (s == null) {
      s = meta.status() == RunStatus.RUNNING && !Liveness.of(ds, meta).live() ? RunStatus.DEAD
          : meta.status();
      status = s;
    }
    return s;
  }

  /** Whether the run succeeded. */
  public boolean successful() {
    return meta.status() == RunStatus.SUCCEEDED;
  }

  /**
   * The flow's class name as the run recorded it ({@code REPL.NAME} for a notebook's run), for
   * tools that draw its graph from the class when they can load it.
   */
  public String flowClass() {
    return meta.flowClass();
  }

  /** Who started it. */
  public String user() {
    return meta.user();
  }

  /** Its tags. */
  public List<String> tags() {
    return meta.tags() == null ? List.of() : meta.tags();
  }

  /** Its parameters, as given (or defaulted) on the command line. */
  public Map<String, String> parameters() {
    return meta.parameters();
  }

  /** The run this one resumed, or null when it did not resume one. */
  public Integer resumedFrom() {
    return meta.resumedFrom();
  }

  /** When it started. */
  public Instant startedAt() {
    return Instant.ofEpochMilli(meta.startedAt());
  }

  /** When it ended, or null while it runs. */
  public Instant finishedAt() {
    return meta.finishedAt() == 0 ? null : Instant.ofEpochMilli(meta.finishedAt());
  }

  /** The steps that have tasks, in the order they first ran. */
  public List<Step> steps() {
    try {
      return ds.steps(meta.runId()).stream().map(s -> new Step(ds, meta.runId(), s))
          .sorted(java.util.Comparator.comparingInt(Step::firstTaskId)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The step named {@code name}; an error naming the steps there are when it has no tasks. */
  public Step step(String name) {
    for (Step s : steps()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new CellflowException("run " + pathspec() + " has no step '" + name + "'; it has "
        + steps().stream().map(Step::name).toList());
  }

  @Override
  public String toString() {
    return "Run(" + pathspec() + ", " + status() + ")";
  }
}
