package dev.cellflow.batch.cli;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.batch.compute.BatchClients;
import dev.cellflow.internal.cli.CommandProvider;
import dev.cellflow.internal.config.Config;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * {@code batch list} and {@code batch kill}: this flow's unfinished AWS Batch jobs, of its
 * latest run that has any unless {@code --my-runs}, {@code --run-id ID} or {@code --user U} says
 * otherwise. Jobs of other flows are never touched.
 */
public final class BatchCommand implements CommandProvider {
  /** Starts the reason of every job this command terminates; the runtime does not retry those. */
  static final String KILL_REASON = "cellflow: killed with batch kill by ";

  @Override
  public String name() {
    return "batch";
  }

  @Override
  public Object command(Class<? extends FlowSpec> flow) {
    CommandLine cl = new CommandLine(new Root());
    cl.addSubcommand("list", new ListJobs(flow.getSimpleName()));
    cl.addSubcommand("kill", new KillJobs(flow.getSimpleName()));
    return cl;
  }

  @Command(name = "batch", mixinStandardHelpOptions = true,
      description = "This flow's AWS Batch jobs: list, kill.")
  static final class Root implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "give list or kill");
    }
  }

  /** Which runs' jobs: at most one of these; none means the latest run with unfinished jobs. */
  static final class Scope {
    @Option(names = "--my-runs", description = "every run of mine (the user is CELLFLOW_USER"
        + " or USER)") boolean myRuns;
    @Option(names = "--run-id", paramLabel = "ID", description = "this run") Integer runId;
    @Option(names = "--user", paramLabel = "U", description = "every run of user U") String user;
  }

  abstract static class JobsCommand implements Callable<Integer> {
    final String flow;
    @Spec CommandSpec spec;
    @ArgGroup(exclusive = true, multiplicity = "0..1") Scope scope;

    JobsCommand(String flow) {
      this.flow = flow;
    }

    @Override
    public Integer call() {
      try (BatchClient batch = BatchClients.batch()) {
        List<FlowJobs.Job> all = FlowJobs.active(batch, flow);
        String user = Config.load().user();
        List<FlowJobs.Job> jobs;
        String what;
        if (scope != null && scope.runId != null) {
          jobs = all.stream().filter(j -> j.run() == scope.runId).toList();
          what = "run " + scope.runId;
        } else if (scope != null && (scope.myRuns || scope.user != null)) {
          String u = scope.myRuns ? user : scope.user;
          jobs = all.stream().filter(j -> j.user().equals(u)).toList();
          what = "the runs of user " + u;
        } else {
          int latest = all.stream().mapToInt(FlowJobs.Job::run).max().orElse(0);
          jobs = all.stream().filter(j -> j.run() == latest).toList();
          what = latest == 0 ? "any run" : "run " + latest + " (the latest with unfinished jobs)";
        }
        PrintWriter out = spec.commandLine().getOut();
        if (jobs.isEmpty()) {
          out.println("No unfinished AWS Batch jobs of flow " + flow + " in " + what + ".");
        } else {
          act(batch, jobs, user, out);
        }
        out.flush();
        return 0;
      } catch (software.amazon.awssdk.core.exception.SdkException e) {
        throw new CellflowException("cannot reach AWS Batch: " + e.getMessage()
            + " (check AWS_REGION and your credentials)", e);
      }
    }

    abstract void act(BatchClient batch, List<FlowJobs.Job> jobs, String user, PrintWriter out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List this flow's unfinished AWS Batch jobs (default: of its latest run"
          + " that has any).")
  static final class ListJobs extends JobsCommand {
    ListJobs(String flow) {
      super(flow);
    }

    @Override
    void act(BatchClient batch, List<FlowJobs.Job> jobs, String user, PrintWriter out) {
      for (FlowJobs.Job j : jobs) {
        out.printf("%s/%s  %-9s  job %s  queue %s  user %s%n", flow, j.pathspec(), j.status(),
            j.id(), j.queue(), j.user());
      }
    }
  }

  @Command(name = "kill", mixinStandardHelpOptions = true,
      description = "Terminate this flow's unfinished AWS Batch jobs (default: of its latest"
          + " run that has any); the run does not retry them.")
  static final class KillJobs extends JobsCommand {
    KillJobs(String flow) {
      super(flow);
    }

    @Override
    void act(BatchClient batch, List<FlowJobs.Job> jobs, String user, PrintWriter out) {
      for (FlowJobs.Job j : jobs) {
        batch.terminateJob(r -> r.jobId(j.id()).reason(KILL_REASON + user));
        out.printf("Terminated %s/%s (job %s, was %s)%n", flow, j.pathspec(), j.id(),
            j.status());
      }
    }
  }
}
