package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cellflow.FlowSpec;
import dev.cellflow.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow's own {@code main}, as a user starts it: {@code java -cp app.jar MyFlow COMMAND}. */
class FlowMainIT {
  @TempDir Path root;

  /**
   * A flow whose {@code main} does something before {@code FlowSpec.main}: it appends a line to
   * the file {@code MAIN_LOG} names, so each JVM that runs the main leaves one line.
   */
  public static class Counted extends FlowSpec {
    @Step
    public void start() {
      next(this::end);
    }

    @Step
    public void end() {}

    public static void main(String[] args) throws Exception {
      Files.writeString(Path.of(System.getenv("MAIN_LOG")), "main\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      FlowSpec.main(Counted.class, args);
    }
  }

  /** How many JVMs ran {@link Counted}'s main for {@code args} with {@code env} added. */
  private int mains(Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile(root, "main", ".log");
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("MAIN_LOG", log.toString());
    Runs.Result r = Runs.finish(Runs.viaMain(all, Counted.class, null, args));
    assertEquals(0, r.code(), r.out());
    return Files.readAllLines(log).size();
  }

  @Test
  void aFlowsMainRunsOnceForEveryCommand() throws Exception {
    // run is not relaunched in a second JVM (docs/startup.md: its gain was within noise), so
    // code in main before FlowSpec.main runs once, as a user expects
    String store = root.resolve("store").toString();
    assertEquals(1, mains(Map.of(), "run", "--datastore-root", store));
    assertEquals(1, mains(Map.of(), "check"));
    assertEquals(1, mains(Map.of(), "show"));
    assertEquals(1, mains(Map.of(), "runs", "--datastore-root", store));
  }
}
