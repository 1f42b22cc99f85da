package dev.cellflow.it;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Parameter;
import dev.cellflow.Catch;
import dev.cellflow.Doc;
import dev.cellflow.Resources;
import dev.cellflow.Retry;
import dev.cellflow.Step;
import dev.cellflow.StepFailure;
import dev.cellflow.Timeout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Flows the integration tests run; each has a main so it can run in its own process too. */
final class Flows {
  private Flows() {}

  /** Two steps, a parameter and artifacts handed from one step to the next. */
  public static class Linear extends FlowSpec {
    @Parameter(help = "a number to double") int n = 21;
    @Parameter(help = "a word") String word = "hi";
    int doubled;
    List<String> words;

    @Step public void start() {
      doubled = 2 * n;
      words = new ArrayList<>(List.of(word, word));
      System.out.println("start saw n=" + n);
      System.err.println("a line on stderr");
      next(this::middle);
    }

    @Step public void middle() {
      words.add("middle");
      next(this::end);
    }

    @Step public void end() {
      System.out.println("doubled=" + doubled + " words=" + words);
    }

    public static void main(String[] args) {
      FlowSpec.main(Linear.class, args);
    }
  }

  /**
   * A branch whose two sides wait for each other through files: it can only finish if the
   * branches really run at the same time.
   */
  public static class Branches extends FlowSpec {
    @Parameter(help = "a folder for the rendezvous files") String dir = "";
    String shared = "same";
    String side;
    long pid;

    @Step public void start() {
      next(this::a, this::b);
    }

    @Step public void a() throws Exception {
      side = "a";
      meet("a", "b");
      next(this::join);
    }

    @Step public void b() throws Exception {
      side = "b";
      meet("b", "a");
      next(this::join);
    }

    private void meet(String me, String other) throws IOException, InterruptedException {
      pid = ProcessHandle.current().pid();
      Files.createFile(Path.of(dir, me));
      for (int i = 0; i < 300 && !Files.exists(Path.of(dir, other)); i++) {
        Thread.sleep(50);
      }
      if (!Files.exists(Path.of(dir, other))) {
        throw new IllegalStateException("branch " + other + " never ran alongside " + me);
      }
    }

    @Step public void join(Inputs<Branches> inputs) {
      mergeArtifacts(inputs, "side", "pid");
      side = inputs.get("a").side + "+" + inputs.get("b").side;
      System.out.println("sides " + side + " shared " + shared + " distinct pids "
          + (inputs.get(0).pid != inputs.get(1).pid));
      next(this::end);
    }

    @Step public void end() {
      System.out.println("joined " + side);
    }
  }

  /** A foreach with two steps in its body, and a join that adds up the splits. */
  @Doc("Squares numbers in parallel and adds them up.")
  public static class Foreach extends FlowSpec {
    @Parameter(help = "splits") int splits = 5;
    @Parameter(help = "a folder where splits record that they run") String dir = "";
    @Parameter(help = "ms each split waits") int waitMs = 0;
    List<Integer> items;
    int square;
    int seenIndex;
    long total;
    List<Integer> order;

    @Step public void start() {
      items = new ArrayList<>();
      for (int i = 0; i < splits; i++) {
        items.add(i + 1);
      }
      foreach("items", this::square);
    }

    @Step public void square() throws Exception {
      int x = input();
      seenIndex = index();
      square = x * x;
      if (!dir.isEmpty()) {
        Path me = Path.of(dir, "running-" + index());
        Files.createFile(me);
        try (var s = Files.list(Path.of(dir))) {
          long now = s.filter(p -> p.getFileName().toString().startsWith("running-")).count();
          Files.writeString(Path.of(dir, "seen-" + index()), Long.toString(now));
        }
        // waits waitMs, unless the test drops a file named release to let it go at once
        long until = System.currentTimeMillis() + waitMs;
        while (System.currentTimeMillis() < until && !Files.exists(Path.of(dir, "release"))) {
          Thread.sleep(20);
        }
        Files.delete(me);
      }
      next(this::plusOne);
    }

    @Doc("Adds one to the square.")
    @Step public void plusOne() {
      square += 1;
      next(this::join);
    }

    @Step public void join(Inputs<Foreach> inputs) {
      total = inputs.stream().mapToLong(f -> f.square).sum();
      order = inputs.stream().map(f -> f.seenIndex).toList();
      next(this::end);
    }

    @Step public void end() {
      System.out.println("total=" + total + " order=" + order);
    }

    public static void main(String[] args) {
      FlowSpec.main(Foreach.class, args);
    }
  }

  /** A step that fails in the way its parameter says. */
  public static class Crash extends FlowSpec {
    @Parameter(help = "ok, exit, throw, oom, twice") String mode = "ok";
    int count;

    @Resources(memory = 64)
    @Step public void start() {
      System.out.println("user code ran");
      switch (mode) {
        case "exit" -> System.exit(3);
        case "throw" -> throw new IllegalStateException("boom in start");
        case "oom" -> {
          List<long[]> hog = new ArrayList<>();
          while (true) {
            hog.add(new long[1 << 20]);
          }
        }
        default -> { }
      }
      for (int i = 0; i < (mode.equals("twice") ? 2 : 1); i++) {
        next(this::end); // one call in the bytecode, so only the runtime check sees two
      }
    }

    @Step public void end() {
      System.out.println("end ran");
    }
  }

  /** A flow whose artifact cannot be stored. */
  public static class Unstorable extends FlowSpec {
    Object lock;

    @Step public void start() {
      lock = new Object();
      next(this::end);
    }

    @Step public void end() { }
  }

  /** A step that asks for more memory than any test machine has. */
  public static class Greedy extends FlowSpec {
    @Resources(memory = 10_000_000)
    @Step public void start() {
      System.out.println("user code ran");
      next(this::end);
    }

    @Step public void end() { }
  }

  /** Fails its first two attempts (counted in a file), succeeds on the third. */
  public static class Flaky extends FlowSpec {
    @Parameter(help = "a folder for the attempt counter") String dir = "";
    int attempts;

    @Retry(times = 2, minutesBetweenRetries = 0)
    @Step public void start() throws Exception {
      Path counter = Path.of(dir, "attempts");
      attempts = Files.exists(counter) ? Integer.parseInt(Files.readString(counter)) + 1 : 1;
      Files.writeString(counter, Integer.toString(attempts));
      System.out.println("attempt number " + attempts);
      if (attempts < 3) {
        throw new IllegalStateException("flaky failure " + attempts);
      }
      next(this::end);
    }

    @Step public void end() {
      System.out.println("succeeded after " + attempts + " attempts");
    }
  }

  /** A step that always fails; @Catch lets the flow go on with the failure in an artifact. */
  public static class Caught extends FlowSpec {
    int before = 7;
    StepFailure failure;

    @Step public void start() {
      next(this::risky);
    }

    @Retry(times = 1, minutesBetweenRetries = 0)
    @Catch(var = "failure")
    @Step public void risky() {
      before = 8; // lost: a caught step's artifacts are the ones it started from
      if (before > 0) {
        throw new IllegalArgumentException("no good");
      }
      next(this::end);
    }

    @Step public void end() {
      System.out.println("before=" + before + " caught " + failure.step() + " after "
          + failure.attempts() + " attempts: " + failure.message());
    }
  }

  /** A step that sleeps past its @Timeout. */
  public static class Slow extends FlowSpec {
    @Timeout(seconds = 1)
    @Retry(times = 1, minutesBetweenRetries = 0)
    @Step public void start() throws Exception {
      System.out.println("going to sleep");
      Thread.sleep(60_000);
      next(this::end);
    }

    @Step public void end() { }
  }

  /** A middle step that fails until a file appears: for resume. */
  public static class FailOnce extends FlowSpec {
    @Parameter(help = "a folder; middle fails until it holds a file named fix") String dir = "";
    @Parameter(help = "a number") int n = 3;
    long startPid;
    int tripled;

    @Step public void start() {
      startPid = ProcessHandle.current().pid();
      tripled = 3 * n;
      next(this::middle);
    }

    @Step public void middle() {
      if (!Files.exists(Path.of(dir, "fix"))) {
        throw new IllegalStateException("not fixed yet");
      }
      tripled += 1;
      next(this::end);
    }

    @Step public void end() {
      System.out.println("tripled plus one is " + tripled);
    }
  }

  /** Prints {@code --lines} numbered lines of 100 characters. */
  public static class Chatty extends FlowSpec {
    @Parameter(help = "how many lines") int lines = 10;

    @Step public void start() {
      String pad = "x".repeat(90);
      for (int i = 0; i < lines; i++) {
        System.out.printf("line %04d %s%n", i, pad);
      }
      next(this::end);
    }

    @Step public void end() { }

    public static void main(String[] args) {
      FlowSpec.main(Chatty.class, args);
    }
  }

  /** A 3.2 GB double[][] artifact made in one task and checked in the next. */
  public static class BigArtifact extends FlowSpec {
    double[][] m;
    double sum;

    @Resources(memory = 7000)
    @Step public void start() {
      m = dev.cellflow.data.Matrices.random(25_000, 16_000, 42); // random: does not compress
      sum = dev.cellflow.data.Matrices.sum(m);
      next(this::end);
    }

    @Resources(memory = 7000)
    @Step public void end() {
      double again = dev.cellflow.data.Matrices.sum(m);
      System.out.println("rows " + m.length + ", same sum " + (again == sum));
    }
  }
}
