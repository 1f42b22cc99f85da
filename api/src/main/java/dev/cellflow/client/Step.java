package dev.cellflow.client;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.datastore.FlowDatastore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A step of a run, with its tasks (one, or one per foreach split). */
public final class Step implements ClientObject {
  private final FlowDatastore ds;
  private final int run;
  private final String name;

  Step(FlowDatastore ds, int run, String name) {
    this.ds = ds;
    this.run = run;
    this.name = name;
  }

  /** The step's name. */
  public String name() {
    return name;
  }

  @Override
  public String pathspec() {
    return ds.flow() + "/" + run + "/" + name;
  }

  /** Its tasks, by id. */
  public List<Task> tasks() {
    try {
      return ds.tasks(run, name).stream().map(t -> new Task(ds, run, name, t)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Its only task; an error when it has several (a foreach split) or none. */
  public Task task() {
    List<Task> ts = tasks();
    if (ts.size() != 1) {
      throw new CellflowException("step " + pathspec() + " has " + ts.size()
          + " tasks; use tasks()");
    }
    return ts.get(0);
  }

  int firstTaskId() {
    List<Task> ts = tasks();
    return ts.isEmpty() ? Integer.MAX_VALUE : ts.get(0).id();
  }

  @Override
  public String toString() {
    return "Step(" + pathspec() + ")";
  }
}
