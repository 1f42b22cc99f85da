package dev.cellflow.internal.cli;

import dev.cellflow.FlowSpec;
import dev.cellflow.internal.runtime.FlowRunner;
import dev.cellflow.internal.startup.FastStart;
import dev.cellflow.internal.task.StepCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of a flow: {@code run}, {@code check}, {@code show}, {@code logs}, {@code runs}, {@code report}, and the
 * task entry point {@code step}. The same whether started from a flow's {@code main} or a jar.
 */
public final class Cli {
  private Cli() {}

  @Command(mixinStandardHelpOptions = true, version = "cellflow 0.1.0",
      description = "A cellflow flow. Commands: run, resume, check, show, logs, runs, report.")
  static final class Root implements Runnable {
    @Override
    public void run() {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "give a command: run, resume, check, show, logs, runs or report");
    }
  }

  /** Runs the command line {@code args} for {@code flow}; returns the exit code. */
  public static int execute(Class<? extends FlowSpec> flow, String[] args) {
    if (args.length > 0 && args[0].equals("step")) {
      return StepCommand.run(java.util.Arrays.asList(args).subList(1, args.length));
    }
    boolean run = args.length > 0 && args[0].equals("run");
    if (run) {
      // the start task's process boots while the rest starts: on a small machine it is what a
      // short run waits for
      FlowRunner.bootEarly(flow, withOptions(args));
    }
    QuickRun.Parsed quick = run && FastStart.on(FastStart.Piece.QUICK_RUN)
        ? QuickRun.parse(flow, args) : null;
    if (quick != null) {
      try {
        return RunCommand.run(flow, quick.params(), quick.datastore(), quick.options());
      } catch (Exception e) {
        return failed(e, new PrintWriter(System.err, true));
      }
    }
    CommandLine cl;
    try {
      cl = commandLine(flow, args.length > 0 ? args[0] : null);
    } catch (RuntimeException e) { // a flow whose parameters cannot be options
      return failed(e, new PrintWriter(System.err, true));
    }
    return cl.execute(args);
  }

  /** The values of the {@code --with} options in {@code args}, before picocli has read them. */
  static List<String> withOptions(String[] args) {
    List<String> withs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--with") && i + 1 < args.length) {
        withs.add(args[++i]);
      } else if (args[i].startsWith("--with=")) {
        withs.add(args[i].substring("--with=".length()));
      } else if (args[i].equals("--")) {
        break;
      }
    }
    return withs;
  }

  /**
   * The command line for {@code flow}, with its error handling. With {@code only} naming a
   * command, only that one is built: picocli reflects over every command it is given, and a
   * short run should not pay for the others.
   */
  public static CommandLine commandLine(Class<? extends FlowSpec> flow, String only) {
    CommandLine root = new CommandLine(new Root());
    root.setCommandName(flow.getSimpleName());
    java.util.Map<String, java.util.function.Supplier<Object>> commands =
        new java.util.LinkedHashMap<>();
    commands.put("run", () -> RunCommand.commandLine(flow));
    commands.put("resume", () -> new ResumeCommand(flow));
    commands.put("check", () -> new CheckCommand(flow));
    commands.put("show", () -> new ShowCommand(flow));
    commands.put("logs", () -> new LogsCommand(flow));
    commands.put("runs", () -> new RunsCommand(flow));
    commands.put("report", () -> new ReportCommand(flow));
    for (CommandProvider p : java.util.ServiceLoader.load(CommandProvider.class,
        Cli.class.getClassLoader())) {
      commands.putIfAbsent(p.name(), () -> p.command(flow));
    }
    boolean one = only != null && commands.containsKey(only);
    commands.forEach((name, make) -> {
      if (!one || name.equals(only)) {
        root.addSubcommand(name, make.get());
        withDatastoreOptions(root.getSubcommands().get(name));
      }
    });
    root.setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, cmd.getErr()));
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

  /**
   * Gives {@code cmd} and its subcommands the datastore options where they lack them ({@code
   * show}, {@code check}, a provider's {@code batch list}): every command of a flow takes the
   * same options, so one line of options (a script's, an alias) serves them all.
   */
  private static void withDatastoreOptions(CommandLine cmd) {
    if (!cmd.getCommandSpec().optionsMap().containsKey("--datastore")) {
      cmd.getCommandSpec().addMixin("datastore",
          CommandLine.Model.CommandSpec.forAnnotatedObject(new DatastoreOptions()));
    }
    cmd.getSubcommands().values().forEach(Cli::withDatastoreOptions);
  }

  /** Reports a command's failure on one line (see {@link Failure}). */
  private static int failed(Exception e, PrintWriter err) {
    return Failure.report(e, err);
  }
}
