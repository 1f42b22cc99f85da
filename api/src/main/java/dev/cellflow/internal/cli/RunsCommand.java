package dev.cellflow.internal.cli;

import dev.cellflow.CellflowException;
import dev.cellflow.FlowSpec;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.config.Config;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runs}: the flow's recent runs, newest first, with their status. No run matching
 * {@code --user} or {@code --tag} is an error naming the filter; an empty store is not.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
    description = "List the flow's recent runs, newest first.")
final class RunsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final Class<? extends FlowSpec> flow;
  @Spec CommandSpec spec;
  @Mixin DatastoreOptions datastore = new DatastoreOptions();

  @Option(names = "--user", paramLabel = "USER", description = "only runs by this user")
  String user;

  @Option(names = "--tag", paramLabel = "TAG", description = "only runs with this tag")
  String tag;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
      description = "at most N runs (default ${DEFAULT-VALUE})")
  int limit;

  RunsCommand(Class<? extends FlowSpec> flow) {
    this.flow = flow;
  }

  @Override
  public Integer call() {
    var ds = datastore.open(Config.load(), flow.getSimpleName());
    Flow f = Flow.in(ds.storage(), ds.flow());
    List<Run> all = f.runs();
    List<Run> runs = all.stream()
        .filter(r -> user == null || r.user().equals(user))
        .filter(r -> tag == null || r.tags().contains(tag))
        .limit(limit).toList();
    // a damaged record cannot say whose run it was: listed whatever the filters, marked
    java.util.TreeMap<Integer, String> rows = new java.util.TreeMap<>(
        java.util.Comparator.reverseOrder());
    f.damagedRuns().forEach((id, why) -> rows.put(id,
        String.format("%-6d %-10s %s", id, "damaged", why)));
    for (Run r : runs) {
      rows.put(r.id(), String.format("%-6d %-10s %-12s %-19s %s", r.id(), r.status(), r.user(),
          TIME.format(r.startedAt()), String.join(",", r.tags())));
    }
    PrintWriter out = spec.commandLine().getOut();
    String where = " in " + datastore.root(Config.load());
    if (all.isEmpty() && rows.isEmpty()) {
      out.println("No runs of " + f.name() + where + ".");
      return 0;
    }
    if (runs.isEmpty() && !all.isEmpty()) { // a filter that matches nothing: say which
      throw new CellflowException("no runs of " + f.name()
          + (user != null ? " by " + user : "") + (tag != null ? " tagged " + tag : "") + where
          + "; its runs are by " + new java.util.TreeSet<>(all.stream().map(Run::user).toList())
          + (tag != null ? " with tags " + new java.util.TreeSet<>(all.stream()
              .flatMap(r -> r.tags().stream()).toList()) : ""));
    }
    out.printf("%-6s %-10s %-12s %-19s %s%n", "RUN", "STATUS", "USER", "STARTED", "TAGS");
    rows.values().stream().limit(limit).forEach(out::println);
    out.flush();
    return 0;
  }
}
