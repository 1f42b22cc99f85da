package dev.cellflow.it;

import dev.cellflow.FlowSpec;
import dev.cellflow.internal.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a flow's command line as a user would, capturing what it prints. */
public final class Runs {
  private Runs() {}

  /** What a command printed and how it ended. */
  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /**
   * Runs {@code args} for {@code flow} in this JVM (the runtime; tasks run in their own
   * processes), with {@code --datastore-root root} added to run and logs.
   */
  static synchronized Result cli(Class<? extends FlowSpec> flow, Path root, String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    if (root != null && !a.isEmpty() && List.of("run", "logs", "resume").contains(a.get(0))) {
      a.add("--datastore-root");
      a.add(root.toString());
    }
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Cli.execute(flow, a.toArray(String[]::new));
      return new Result(code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** Starts {@code flow}'s command line in a new JVM process (for runs that must overlap). */
  static Process process(Class<? extends FlowSpec> flow, Path root, String... args)
      throws IOException {
    return process(java.util.Map.of(), flow, root, args);
  }

  /** Like {@link #process(Class, Path, String...)}, with extra environment variables. */
  static Process process(java.util.Map<String, String> env, Class<? extends FlowSpec> flow,
      Path root, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Runs.class.getName(), flow.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--datastore-root", root.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    return pb.start();
  }

  /**
   * Starts {@code args} through {@code flow}'s own {@code main} in a new JVM, as a user does
   * ({@code java -cp app.jar MyFlow run}): unlike {@link #process}, the runtime then runs in
   * the fast-starting copy that {@code FlowSpec.main} starts. {@code --datastore-root root} is
   * added when {@code root} is not null.
   */
  static Process viaMain(java.util.Map<String, String> env, Class<? extends FlowSpec> flow,
      Path root, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), flow.getName()));
    cmd.addAll(List.of(args));
    if (root != null) {
      cmd.addAll(List.of("--datastore-root", root.toString()));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Runs a flow's command line in this process: {@code Runs FLOWCLASS ARGS...}. */
  public static void main(String[] args) throws Exception {
    Class<? extends FlowSpec> flow = Class.forName(args[0]).asSubclass(FlowSpec.class);
    System.exit(Cli.execute(flow, java.util.Arrays.copyOfRange(args, 1, args.length)));
  }

  /** Waits for {@code p} and returns its exit code and output. */
  static Result finish(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("process did not finish: " + out);
    }
    return new Result(p.exitValue(), out, "");
  }
}
