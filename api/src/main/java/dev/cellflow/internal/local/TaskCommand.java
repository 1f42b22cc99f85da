package dev.cellflow.internal.local;

import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.startup.HugePages;
import dev.cellflow.internal.task.WorkerMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a task process ({@link WorkerMain}): this JVM's {@code java}, the step's
 * heap, cellflow's collector and huge-page options, the class-data archive's options, then the
 * user's own ({@code CELLFLOW_TASK_JAVA_OPTIONS}), which come last so that theirs win.
 */
final class TaskCommand {
  /** The variable that holds the user's JVM options for task processes. */
  static final String USER_OPTIONS = "CELLFLOW_TASK_JAVA_OPTIONS";

  private TaskCommand() {}

  /** A task process's command line, with the user's JVM options from the environment. */
  static List<String> of(String classpath, int heapMb, List<String> cdsOptions) {
    return of(classpath, heapMb, cdsOptions, userOptions());
  }

  /** A task process's command line, with {@code extra} JVM options of the user's. */
  static List<String> of(String classpath, int heapMb, List<String> cdsOptions, String extra) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heapMb + "m");
    List<String> extras = extra == null || extra.isBlank() ? List.of()
        : List.of(extra.trim().split("\\s+"));
    if (extras.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
      // named, since a JVM that sees fewer than 2 CPUs or 1792 MB picks the serial collector;
      // a collector of the user's replaces it (the JVM refuses two)
      cmd.add(TaskCollector.option());
    }
    cmd.addAll(HugePages.options(heapMb, extras));
    cmd.add("-XX:-UsePerfData");
    cmd.addAll(cdsOptions);
    cmd.addAll(extras);
    cmd.addAll(List.of("-cp", classpath, WorkerMain.class.getName()));
    return cmd;
  }

  /** The user's JVM options for task processes (e.g. -XX:+UseZGC, a profiler's agent), or null. */
  static String userOptions() {
    return Config.load().get("taskJavaOptions", null); // CELLFLOW_TASK_JAVA_OPTIONS or the config file
  }

  /** Words for a process that could not start, naming the user's options if any. */
  static String startHint() {
    String options = userOptions();
    return options == null || options.isBlank() ? ""
        : " (its JVM options include " + USER_OPTIONS + "='" + options.trim() + "')";
  }
}
