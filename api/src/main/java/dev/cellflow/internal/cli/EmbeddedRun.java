package dev.cellflow.internal.cli;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.internal.runtime.RunListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * The {@code run} command started from inside another program (a notebook kernel's {@code %flow
 * run}): the same options and parameters as on the command line, but the run reports to the
 * caller's listener instead of the terminal, and its tasks start on the caller's class path.
 */
public final class EmbeddedRun {
  private EmbeddedRun() {}

  /**
   * Where such a run goes.
   *
   * @param name the command's name in its messages and help ({@code %flow run Squares})
   * @param listener hears the run's events
   * @param classpath the class path task processes start on
   * @param out the tasks' output lines (unless {@code --quiet})
   * @param err the tasks' error lines (unless {@code --quiet})
   */
  public record Where(String name, RunListener listener, String classpath, PrintStream out,
      PrintStream err) {}

  /**
   * Runs {@code flow} with the arguments of {@code run}, {@code args}; returns the help text
   * when they ask for it ({@code --help}), else null once the run has ended (its end, failed
   * or not, is the listener's last event).
   *
   * @throws CellflowException on one line, when the arguments are wrong (naming the option)
   *     or the run cannot start
   */
  public static String execute(Class<? extends FlowSpec> flow, List<String> args, Where where)
      throws Exception {
    CommandLine cl = RunCommand.commandLine(flow, where);
    cl.setCommandName(where.name());
    try {
      cl.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new CellflowException(where.name() + ": " + e.getMessage() + "; see "
          + where.name() + " --help");
    }
    if (cl.isUsageHelpRequested()) {
      return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }
    if (cl.isVersionHelpRequested()) {
      StringWriter v = new StringWriter();
      cl.printVersionHelp(new PrintWriter(v), CommandLine.Help.Ansi.OFF);
      return v.toString();
    }
    ((RunCommand) cl.getCommand()).call();
    return null;
  }
}
