package dev.cellflow.internal.cli;

import dev.cellflow.FlowSpec;
import dev.cellflow.internal.task.Parameters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a plain {@code run} command line without picocli, or says it cannot. Building picocli's
 * model of a command costs a cold JVM about 0.2 s (its classes are Java 5 class files, which a
 * class-data archive cannot hold), a fifth of a cold 2-step run. So the common case, known
 * options each with a value, is read here, and anything else (help, an unknown or repeated
 * option, a missing value, a value picocli might read differently) goes to picocli, which
 * explains it. {@code QuickRunTest} checks that the two read every accepted line alike.
 */
final class QuickRun {
  /** A {@code run} command line, read: the parameters given and the run's options. */
  record Parsed(Map<String, String> params, DatastoreOptions datastore, RunOptions options) {}

  private static final Set<String> OWN = Set.of("--with", "--tag", "--max-workers",
      "--max-num-splits", "--datastore", "--datastore-root", "--help", "--version", "--quiet");

  private QuickRun() {}

  /** {@code args} (from {@code run} on) read, or null where picocli should read them. */
  static Parsed parse(Class<? extends FlowSpec> flow, String[] args) {
    if (args.length == 0 || !args[0].equals("run")) {
      return null;
    }
    Map<String, String> options = new HashMap<>(); // "--name" -> parameter name
    for (Parameters.Param p : Parameters.of(flow)) {
      if (!Parameters.supported(p.field().getType()) || OWN.contains("--" + p.name())
          || options.put("--" + p.name(), p.name()) != null) {
        return null; // picocli's model says what is wrong
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    DatastoreOptions datastore = new DatastoreOptions();
    RunOptions run = new RunOptions();
    run.maxWorkers = 16; // as RunOptions' picocli defaults
    run.maxNumSplits = 100;
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      String value;
      int eq = name.indexOf('=');
      if (name.equals("--quiet")) { // the one flag: it takes no value
        if (!seen.add(name)) {
          return null;
        }
        run.quiet = true;
        continue;
      }
      if (!name.startsWith("--") || name.length() == 2) {
        return null; // a positional word, "--", a short option, an @file
      } else if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("-")
          && !args[i + 1].startsWith("@")) {
        value = args[++i];
      } else {
        return null; // no value, or one that looks like an option
      }
      if (name.equals("--with")) {
        run.withs.add(value);
      } else if (name.equals("--tag")) {
        run.tags.add(value);
      } else if (!seen.add(name)) {
        return null;
      } else if (name.equals("--max-workers") || name.equals("--max-num-splits")) {
        if (!value.matches("0|[1-9][0-9]{0,8}")) {
          return null;
        }
        if (name.equals("--max-workers")) {
          run.maxWorkers = Integer.parseInt(value);
        } else {
          run.maxNumSplits = Integer.parseInt(value);
        }
      } else if (name.equals("--datastore")) {
        datastore.datastore = value;
      } else if (name.equals("--datastore-root")) {
        datastore.root = value;
      } else if (options.containsKey(name)) {
        params.put(options.get(name), value);
      } else {
        return null;
      }
    }
    return new Parsed(params, datastore, run);
  }
}
