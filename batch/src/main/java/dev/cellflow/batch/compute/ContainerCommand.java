package dev.cellflow.batch.compute;

import dev.cellflow.batch.container.ContainerMain;
import dev.cellflow.compute.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The command of a Batch job: a POSIX shell fetches the code package named by {@code
 * CELLFLOW_CODE_URL} (with {@code curl}, else {@code wget}) and starts the task entry point on
 * the image's {@code java}, with a heap of three quarters of the job's memory (the rest is the
 * JVM's own and the container's). The image needs {@code sh}, {@code curl} or {@code wget}, and
 * a Java runtime as new as the one that compiled the flow; {@code eclipse-temurin:NN-jre} has
 * them.
 *
 * <p>The jars are kept under {@code $TMPDIR/cellflow-code} by their content hash. Where that
 * folder outlives a job (a host folder the jobs share), the next jobs of the same code find them
 * there, and the JVM's class-data sharing is used too: loading the AWS SDK and Jackson is most
 * of a short task's time, and a CDS archive of the classes a task loaded makes it about half.
 * The first job that finds the jars already there (so the folder is shared) writes the archive
 * as it exits ({@code -XX:ArchiveClassesAtExit}), under a lock, and publishes it once a JVM has
 * mapped it; later jobs start with it. A job in a fresh container (the usual case on AWS) fetches
 * the jars and neither writes nor reads an archive, so it pays nothing for this.
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
      "fresh=",
      "while read -r name url; do",
      // content-addressed names: a file already there (another job on this host) is the same
      "  [ -s \"$d/$name\" ] || { get \"$url\" \"$d/$name.$$\" && mv \"$d/$name.$$\" \"$d/$name\";"
          + " fresh=1; }",
      "  cp=\"$cp${cp:+:}$d/$name\"",
      "done < \"$d/manifest.$$\"",
      "rm -f \"$d/manifest.$$\"",
      "set -- -Xmx\"$CELLFLOW_HEAP_MB\"m $CELLFLOW_TASK_JAVA_OPTIONS -cp \"$cp\" "
          + ContainerMain.class.getName() + " \"$@\"",
      // the archive belongs to this class path (and the JVM checks that it is its own build)
      "jsa=\"$d/classes-$(printf %s \"$cp\" | cksum | cut -d ' ' -f 1).jsa\"",
      "quiet='-Xlog:cds=off -Xlog:cds+dynamic=off'",
      "[ -s \"$jsa\" ] && exec java -XX:SharedArchiveFile=\"$jsa\" $quiet \"$@\"",
      "{ [ -z \"$fresh\" ] && mkdir \"$jsa.lock\" 2>/dev/null; } || exec java \"$@\"",
      // not exec: the archive is published after the JVM has written it, and a half-written
      // one must never be read (a JVM that maps one crashes)
      "java -XX:ArchiveClassesAtExit=\"$jsa.$$\" $quiet \"$@\" &",
      "pid=$!",
      "trap 'kill -TERM $pid 2>/dev/null' TERM INT",
      "while :; do code=0; wait $pid || code=$?; kill -0 $pid 2>/dev/null || break; done",
      "if [ $code -lt 128 ] && java -XX:SharedArchiveFile=\"$jsa.$$\" -Xshare:on $quiet"
          + " -cp \"$cp\" -version >/dev/null 2>&1; then mv \"$jsa.$$\" \"$jsa\"; fi",
      "rm -f \"$jsa.$$\"",
      "rmdir \"$jsa.lock\"",
      "exit $code");

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
