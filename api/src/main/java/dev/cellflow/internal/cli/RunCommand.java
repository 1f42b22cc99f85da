package dev.cellflow.internal.cli;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.RunStatus;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.graph.FlowGraph;
import dev.cellflow.internal.graph.GraphBuilder;
import dev.cellflow.internal.metadata.RunMeta;
import dev.cellflow.internal.progress.Console;
import dev.cellflow.internal.task.Parameters;
import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code run}: runs the flow; each {@code @Parameter} is an option {@code --name value}. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the flow.",
        "On a terminal a live line per active step shows its progress below the tasks' output;"
            + " elsewhere plain lines, and a summary line per finished foreach"
            + " (CELLFLOW_PROGRESS=auto|live|plain)."})
final class RunCommand implements Callable<Integer> {
  private final Class<? extends FlowSpec> flow;
  @Spec CommandSpec spec;
  @Mixin DatastoreOptions datastore = new DatastoreOptions();

  @Mixin RunOptions options = new RunOptions();

  /** Null on the command line; else where a run started from another program goes. */
  private final EmbeddedRun.Where where;

  RunCommand(Class<? extends FlowSpec> flow) {
    this(flow, null);
  }

  RunCommand(Class<? extends FlowSpec> flow, EmbeddedRun.Where where) {
    this.flow = flow;
    this.where = where;
  }

  /**
   * The {@code run} command with one option per parameter of {@code flow}; an error naming the
   * field when a parameter cannot be an option ({@code check} asks this too).
   */
  static CommandLine commandLine(Class<? extends FlowSpec> flow) {
    return commandLine(flow, null);
  }

  /** {@link #commandLine(Class)} for a run that goes to {@code where} (null: the console). */
  static CommandLine commandLine(Class<? extends FlowSpec> flow, EmbeddedRun.Where where) {
    CommandLine cl = new CommandLine(new RunCommand(flow, where));
    Object defaults = defaults(flow);
    for (Parameters.Param p : Parameters.of(flow)) {
      String field = "@Parameter '" + p.name() + "' (field " + flow.getSimpleName() + "."
          + p.field().getName() + ")";
      if (!Parameters.supported(p.field().getType())) {
        throw new CellflowException(field + " has type " + p.field().getType().getSimpleName()
            + "; a @Parameter is a String, a number, a boolean or an enum");
      }
      if (cl.getCommandSpec().optionsMap().containsKey("--" + p.name())) {
        throw new CellflowException(field + " would be the option --" + p.name()
            + ", which run has already (its own or another parameter's); rename the field or"
            + " give it @Parameter(name = \"...\")");
      }
      Object dflt = null;
      try {
        dflt = defaults == null ? null : p.field().get(defaults);
      } catch (IllegalAccessException e) {
        // no default shown
      }
      OptionSpec.Builder b = OptionSpec.builder("--" + p.name())
          .paramLabel(p.field().getType().getSimpleName().toUpperCase(java.util.Locale.ROOT))
          .type(String.class)
          .arity("1")
          .description(p.help() + (dflt != null ? " (default " + dflt + ")" : ""));
      cl.getCommandSpec().addOption(b.build());
    }
    return cl;
  }

  private static Object defaults(Class<? extends FlowSpec> flow) {
    try {
      Constructor<? extends FlowSpec> c = flow.getDeclaredConstructor();
      c.setAccessible(true);
      return c.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public Integer call() throws Exception {
    return where == null ? run(flow, given(), datastore, options)
        : run(flow, given(), datastore, options, where);
  }

  /** The parameters given on the command line, as picocli read them. */
  Map<String, String> given() {
    Map<String, String> given = new LinkedHashMap<>();
    for (Parameters.Param p : Parameters.of(flow)) {
      String value = spec.findOption("--" + p.name()).getValue();
      if (value != null) {
        given.put(p.name(), value);
      }
    }
    return given;
  }

  /** Runs {@code flow} with the parameters {@code given} on the command line; the exit code. */
  static int run(Class<? extends FlowSpec> flow, Map<String, String> given,
      DatastoreOptions datastore, RunOptions options) throws Exception {
    Map<String, String> params = params(flow, given);
    FlowGraph graph = GraphBuilder.build(flow);
    Config config = Config.load();
    try (Console console = options.console(config)) {
      RunMeta done = options.runner(flow, graph, datastore, config, console)
          .run(params, config.user());
      return done.status() == RunStatus.SUCCEEDED ? 0 : 1;
    }
  }

  /** {@link #run(Class, Map, DatastoreOptions, RunOptions)}, reporting to {@code where}. */
  private static int run(Class<? extends FlowSpec> flow, Map<String, String> given,
      DatastoreOptions datastore, RunOptions options, EmbeddedRun.Where where) throws Exception {
    Map<String, String> params = params(flow, given);
    FlowGraph graph = GraphBuilder.build(flow);
    Config config = Config.load();
    RunMeta done = options.runner(flow, graph, datastore, config, where.listener(),
        where.out(), where.err(), !options.quiet).onClasspath(where.classpath())
        .run(params, config.user());
    return done.status() == RunStatus.SUCCEEDED ? 0 : 1;
  }

  /** The run's parameters: those given, checked, and the defaults of the others. */
  private static Map<String, String> params(Class<? extends FlowSpec> flow,
      Map<String, String> given) throws IllegalAccessException {
    Map<String, String> params = new LinkedHashMap<>();
    Object defaults = defaults(flow);
    for (Parameters.Param p : Parameters.of(flow)) {
      String value = given.get(p.name());
      if (value != null) {
        Parameters.parse(p.field().getType(), value, p.name()); // fail now, not in a task
        params.put(p.name(), value);
      } else if (p.required()) {
        throw new CellflowException("--" + p.name() + " is required: " + p.help());
      } else if (defaults != null && p.field().get(defaults) != null) {
        params.put(p.name(), String.valueOf(p.field().get(defaults)));
      }
    }
    return params;
  }
}
