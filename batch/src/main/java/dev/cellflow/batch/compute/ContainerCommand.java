package dev.cellflow.batch.compute;

import dev.cellflow.batch.container.ContainerMain;
import dev.cellflow.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The command of a Batch job: a POSIX shell fetches the code package named by {@code
 * CELLFLOW_CODE_URL} (with {@code curl}, else {@code wget}) and starts the task entry point on
 * the image's {@code java}, with a heap of three quarters of the job's memory (the rest is the
 * JVM's own and the container's). The image needs {@code sh}, {@code curl} or {@code wget}, and
 * a Java runtime as new as the one that compiled the flow; {@code eclipse-temurin:NN-jre} has
 * them.
 */
final class ContainerCommand {
  static final String SCRIPT = String.join("\n",
      "set -e",
      "d=\"${TMPDIR:-/tmp}/cellflow-code\"",
      "mkdir -p \"$d\"",
      "get() { if command -v curl >/dev/null 2>&1; then curl -fsS --retry 5 -o \"$2\" \"$1\";"
          + " else wget -q -O \"$2\" \"$1\"; fi; }",
      "get \"$CELLFLOW_CODE_URL\" \"$d/manifest.$$\"",
      "cp=",
      "while read -r name url; do",
      // content-addressed names: a file already there (another job on this host) is the same
      "  [ -s \"$d/$name\" ] || { get \"$url\" \"$d/$name.$$\" && mv \"$d/$name.$$\" \"$d/$name\"; }",
      "  cp=\"$cp${cp:+:}$d/$name\"",
      "done < \"$d/manifest.$$\"",
      "exec java -Xmx\"$CELLFLOW_HEAP_MB\"m $CELLFLOW_TASK_JAVA_OPTIONS -cp \"$cp\" "
          + ContainerMain.class.getName() + " \"$@\"");

  private ContainerCommand() {}

  /** {@code sh -c SCRIPT cellflow step FLOW STEP RUN TASK ...}. */
  static List<String> of(TaskSpec spec) {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", SCRIPT, "cellflow"));
    cmd.addAll(spec.toArgs());
    return cmd;
  }

  /**
   * The command of an array job's children: the task's arguments come from the list at {@code
   * CELLFLOW_ARRAY_ARGS_URL}, by {@code AWS_BATCH_JOB_ARRAY_INDEX}.
   */
  static List<String> array() {
    return List.of("sh", "-c", SCRIPT, "cellflow");
  }

  /** The heap for a job of {@code memoryMb}. */
  static int heapMb(int memoryMb) {
    return Math.max(64, memoryMb * 3 / 4);
  }
}
