package dev.cellflow.internal.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Step;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command of a flow takes the datastore options, so one set of options serves them all. */
class DatastoreOptionsTest {
  /** A flow of one step. */
  public static class One extends FlowSpec {
    @Step
    public void start() {
      next(this::end);
    }

    @Step
    public void end() {}
  }

  @Test
  void everyCommandTakesTheDatastoreOptions() {
    CommandLine root = Cli.commandLine(One.class, null);
    assertTrue(root.getSubcommands().keySet().containsAll(java.util.List.of("run", "resume",
        "check", "show", "logs", "runs", "report")), root.getSubcommands().keySet().toString());
    check(root);
  }

  private static void check(CommandLine root) {
    for (CommandLine c : root.getSubcommands().values()) {
      var options = c.getCommandSpec().optionsMap();
      assertTrue(options.containsKey("--datastore") && options.containsKey("--datastore-root"),
          c.getCommandSpec().qualifiedName() + " takes no datastore options");
      check(c);
    }
  }
}
