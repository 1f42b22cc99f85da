package dev.cellflow.internal.cli;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.compute.TaskLogs;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.datastore.FlowDatastore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logs RUN/STEP[/TASK]}: a past task's stdout and stderr. */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Print the output of a step's tasks, or of one task.")
final class LogsCommand implements Callable<Integer> {
  private final Class<? extends FlowSpec> flow;
  @Spec CommandSpec spec;
  @Mixin DatastoreOptions datastore = new DatastoreOptions();

  @Parameters(paramLabel = "RUN/STEP[/TASK]", description = "which task(s)")
  String pathspec;

  @Option(names = "--stdout", description = "only stdout") boolean stdoutOnly;
  @Option(names = "--stderr", description = "only stderr") boolean stderrOnly;
  @Option(names = "--attempt", paramLabel = "N",
      description = "this attempt (default: each task's latest)") Integer attempt;
  @Option(names = "--timestamps", description = "show when each line was printed")
  boolean timestamps;

  LogsCommand(Class<? extends FlowSpec> flow) {
    this.flow = flow;
  }

  @Override
  public Integer call() throws Exception {
    String[] parts = pathspec.split("/");
    if (parts.length < 2 || parts.length > 3) {
      throw new CellflowException("logs takes RUN/STEP or RUN/STEP/TASK, as in 3/start/1;"
          + " not '" + pathspec + "'");
    }
    int run;
    try {
      run = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw new CellflowException("logs " + pathspec + ": the run id '" + parts[0]
          + "' is not a number");
    }
    if (stdoutOnly && stderrOnly) {
      throw new CellflowException("logs: --stdout and --stderr together would print nothing;"
          + " give one of them, or neither for both");
    }
    if (attempt != null && attempt < 0) {
      throw new CellflowException("logs: --attempt " + attempt + " is not an attempt; the"
          + " first attempt is 0");
    }
    FlowDatastore ds = datastore.open(Config.load(), flow.getSimpleName());
    ds.run(run); // a clear error when the run does not exist
    String step = parts[1];
    List<Integer> tasks = parts.length == 3 ? List.of(parseTask(parts[2])) : ds.tasks(run, step);
    if (tasks.isEmpty() || ds.task(run, step, tasks.get(0)) == null) {
      throw new CellflowException("run " + run + " has no task " + pathspec + "; its steps are "
          + ds.steps(run));
    }
    PrintWriter out = spec.commandLine().getOut();
    for (int t : tasks) {
      if (tasks.size() > 1) {
        out.println("=== " + run + "/" + step + "/" + t + " ===");
      }
      int latest = ds.task(run, step, t) == null ? 0 : ds.task(run, step, t).attempt();
      if (attempt != null && attempt > latest) {
        throw new CellflowException("logs: task " + run + "/" + step + "/" + t + " has no"
            + " attempt " + attempt + "; its attempts are 0 to " + latest);
      }
      int a = attempt != null ? attempt : latest;
      if (!stderrOnly) {
        out.print(shown(ds.log(run, step, t, a, "stdout")));
      }
      if (!stdoutOnly) {
        out.print(shown(ds.log(run, step, t, a, "stderr")));
      }
    }
    out.flush();
    return 0;
  }

  private String shown(String log) {
    return timestamps ? log : TaskLogs.withoutTimestamps(log);
  }

  private int parseTask(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new CellflowException("logs " + pathspec + ": the task id '" + s
          + "' is not a number");
    }
  }
}
