package dev.cellflow.cli;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.task.StepCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of a flow: {@code run}, {@code check}, {@code show}, {@code logs}, and the
 * task entry point {@code step}. The same whether started from a flow's {@code main} or a jar.
 */
public final class Cli {
  private Cli() {}

  @Command(mixinStandardHelpOptions = true, version = "cellflow 0.1.0",
      description = "A cellflow flow. Commands: run, check, show, logs.")
  static final class Root implements Runnable {
    @Override
    public void run() {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "give a command: run, check, show or logs");
    }
  }

  /** Runs the command line {@code args} for {@code flow}; returns the exit code. */
  public static int execute(Class<? extends FlowSpec> flow, String[] args) {
    CommandLine cl = commandLine(flow);
    return cl.execute(args);
  }

  /** The command line for {@code flow}, with its error handling. */
  public static CommandLine commandLine(Class<? extends FlowSpec> flow) {
    CommandLine root = new CommandLine(new Root());
    root.setCommandName(flow.getSimpleName());
    root.addSubcommand("run", RunCommand.commandLine(flow));
    root.addSubcommand("check", new CheckCommand(flow));
    root.addSubcommand("show", new ShowCommand(flow));
    root.addSubcommand("logs", new LogsCommand(flow));
    root.addSubcommand("step", new StepCommand());
    root.setExecutionExceptionHandler((e, cmd, parsed) -> {
      PrintWriter err = cmd.getErr();
      if (e instanceof CellflowException) {
        err.println("error: " + e.getMessage());
      } else {
        e.printStackTrace(err);
      }
      err.flush();
      return 1;
    });
    root.setParameterExceptionHandler((e, args) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("error: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return 2;
    });
    return root;
  }
}
