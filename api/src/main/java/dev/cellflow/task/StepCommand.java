package dev.cellflow.task;

import dev.cellflow.metadata.SplitFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The task entry point, {@code step FLOWCLASS STEP RUN TASK [options]}: runs one task in this
 * process and exits 0 when it succeeded. Every backend starts tasks through it (a local worker
 * reads the same arguments from its input).
 */
@Command(name = "step", hidden = true, description = "Run one task (internal: backends start it).")
public final class StepCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "the flow's class name") String flowClass;
  @Parameters(index = "1", description = "the step") String step;
  @Parameters(index = "2", description = "the run id") int run;
  @Parameters(index = "3", description = "the task id") int task;
  @Option(names = "--datastore", defaultValue = "local") String datastore;
  @Option(names = "--datastore-root", required = true) String datastoreRoot;
  @Option(names = "--max-num-splits", defaultValue = "100") int maxNumSplits;
  @Option(names = "--parents", split = ",") List<String> parents = new ArrayList<>();
  @Option(names = "--split") List<String> splits = new ArrayList<>();

  /** Parses task entry arguments (without the leading {@code step}) into a spec. */
  public static TaskSpec parse(List<String> args) {
    StepCommand c = new StepCommand();
    new CommandLine(c).parseArgs(args.toArray(String[]::new));
    return c.spec();
  }

  TaskSpec spec() {
    List<SplitFrame> stack = splits.stream().map(TaskSpec::parseSplit).toList();
    return new TaskSpec(flowClass, step, run, task, datastore, datastoreRoot, List.copyOf(parents),
        stack, maxNumSplits);
  }

  @Override
  public Integer call() {
    try {
      TaskRunner.run(spec());
      return 0;
    } catch (Throwable t) {
      TaskFailures.print(t, System.err);
      return 1;
    }
  }
}
