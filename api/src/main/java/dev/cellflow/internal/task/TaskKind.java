package dev.cellflow.internal.task;

import dev.cellflow.compute.TaskSpec;

/**
 * A kind of task that is not a flow's step: its flow class is {@code KIND:NAME} (a class name
 * holds no colon), and the provider of {@code KIND}, found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services}), runs it. A notebook cell shipped to a backend is {@code cell:FLOW}
 * (the notebook package's {@code CellTask}). Why a seam: the task runner sits below the notebook
 * code, which uses it; it reaches a cell's task through this without depending on that code.
 */
public interface TaskKind {
  /** The {@code KIND} before the colon of the flow classes this runs. */
  String kind();

  /** Runs the task {@code spec}; the task's own exception propagates. */
  void run(TaskSpec spec) throws Throwable;

  /** Whether {@code flowClass} names a task of some kind, not a flow class. */
  static boolean isKind(String flowClass) {
    return flowClass.indexOf(':') > 0;
  }

  /** The provider that runs {@code flowClass} ({@code KIND:NAME}); an error naming it if none. */
  static TaskKind of(String flowClass) {
    String kind = flowClass.substring(0, flowClass.indexOf(':'));
    for (TaskKind k : java.util.ServiceLoader.load(TaskKind.class,
        TaskKind.class.getClassLoader())) {
      if (k.kind().equals(kind)) {
        return k;
      }
    }
    throw new dev.cellflow.CellflowException("no task kind '" + kind + "' on the class path for"
        + " task class '" + flowClass + "'; the task process needs the same cellflow jars as"
        + " the one that launched it");
  }
}
