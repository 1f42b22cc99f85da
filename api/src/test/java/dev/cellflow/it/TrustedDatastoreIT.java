package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Step;
import dev.cellflow.client.Flow;
import dev.cellflow.datastore.DamagedArtifactException;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.metadata.ArtifactRef;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A datastore you can trust, through the entry points users use (the flow's own {@code main}
 * in a JVM of its own, and the Client API): damaged artifacts are refused by name, damaged run
 * and task records are one-line errors naming the file, and a read-only datastore can be read.
 */
class TrustedDatastoreIT {
  @TempDir Path root;

  /** A 50 MB artifact made in {@code start} and summed in {@code total}. */
  public static class RotSum extends FlowSpec {
    double[] data;
    double sum;

    @Step public void start() {
      data = new SplittableRandom(1).doubles(6_553_600).toArray(); // 50 MB, does not compress
      next(this::total);
    }

    @Step public void total() {
      sum = java.util.Arrays.stream(data).sum();
      next(this::end);
    }

    @Step public void end() {
      System.out.println("sum=" + sum);
    }

    public static void main(String[] args) {
      FlowSpec.main(RotSum.class, args);
    }
  }

  @Test
  void bitRotTruncationAndDeletionAreRefusedNamingArtifactTaskAndFile() throws Exception {
    Runs.Result first = main(List.of(), RotSum.class, "run");
    assertEquals(0, first.code(), first.out());
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "RotSum");
    ArtifactRef ref = ds.result(1, "start", 1).artifacts().get("data");
    Path file = root.resolve(ref.key());
    byte[] good = Files.readAllBytes(file);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(25 << 20);
      f.write(new byte[] {1, 2, 3, 4}); // four bytes of bit rot
    }
    byte[] rotten = Files.readAllBytes(file);
    String named = "artifact 'data' of task RotSum/%d/start/1 (file " + file + ") is damaged: ";

    Runs.Result resumed = main(List.of(), RotSum.class, "resume", "total");
    assertEquals(1, resumed.code(), resumed.out());
    assertTrue(resumed.out().contains(String.format(named, 2)
        + "its bytes do not match their checksum"), resumed.out());
    assertFalse(resumed.out().contains("sum="), "no wrong sum: " + resumed.out());

    Flow client = Flow.in(ds.storage(), ds.flow());
    assertTrue(message(client).startsWith(String.format(named, 1)
        + "its bytes do not match their checksum"), message(client));
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    assertTrue(message(client).startsWith(String.format(named, 1) + "it has " + ref.size() / 2
        + " bytes where " + ref.size() + " were stored"), message(client));
    Files.write(file, "w".repeat(100).getBytes(StandardCharsets.UTF_8)); // codec 119
    assertTrue(message(client).startsWith(String.format(named, 1) + "it has 100 bytes"),
        message(client));
    Files.delete(file);
    assertTrue(message(client).startsWith(String.format(named, 1) + "its file is missing"),
        message(client));
    Runs.Result again = main(List.of(), RotSum.class, "resume", "total", "--origin-run-id", "1");
    assertTrue(again.out().contains(String.format(named, 3) + "its file is missing"),
        again.out());

    // the repair: rerunning the step that made it stores the same bytes again, over the rot
    Files.write(file, rotten);
    Runs.Result repaired = main(List.of(), RotSum.class, "resume", "start", "--origin-run-id",
        "1");
    assertEquals(0, repaired.code(), repaired.out());
    assertTrue(repaired.out().contains("sum="), repaired.out());
    assertTrue(java.util.Arrays.equals(good, Files.readAllBytes(file)), "the file is whole again");
  }

  @Test
  void damagedRunAndTaskRecordsAreOneLineErrorsAndRunsListsTheOtherRuns() throws Exception {
    for (int i = 0; i < 2; i++) {
      Runs.Result r = main(List.of(), Flows.Linear.class, "run");
      assertEquals(0, r.code(), r.out());
    }
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "Linear");
    Path run1 = root.resolve("Linear/1/_run.json");
    Path task = root.resolve("Linear/2/start/" + ds.tasks(2, "start").get(0));
    for (String damage : List.of("garbage{", "", "{}")) {
      Files.writeString(run1, damage);
      Runs.Result runs = main(List.of(), Flows.Linear.class, "runs");
      assertEquals(0, runs.code(), runs.out());
      assertTrue(runs.out().contains("\n2      succeeded"), runs.out());
      assertOneLine(runs, "1      damaged    " + run1 + " is damaged (");
      assertOneLine(main(List.of(), Flows.Linear.class, "resume", "--origin-run-id", "1"),
          "error: " + run1 + " is damaged (");
      assertTrue(Flow.in(ds.storage(), ds.flow()).runs().stream().anyMatch(r -> r.id() == 2 && r.successful()));
      assertEquals(List.of(1), List.copyOf(Flow.in(ds.storage(), ds.flow()).damagedRuns().keySet()));

      for (String name : List.of("task.json", "result.json")) {
        Path file = task.resolve(name);
        byte[] good = Files.readAllBytes(file);
        Files.writeString(file, damage);
        String error = "error: " + file + " is damaged (";
        if (name.equals("task.json")) {
          assertOneLine(main(List.of(), Flows.Linear.class, "logs", "2/start"), error);
        } else { // the resumed run starts, and fails on the origin's record: its one error line
          Runs.Result resumed = main(List.of(), Flows.Linear.class, "resume", "middle",
              "--origin-run-id", "2");
          assertTrue(resumed.code() != 0, resumed.out());
          assertOneLine(resumed, "Run Linear/");
          assertTrue(resumed.out().lines().anyMatch(l -> l.matches("Run Linear/\\d+ failed in"
              + " .*: " + java.util.regex.Pattern.quote(file + " is damaged (") + ".*")),
              resumed.out());
        }
        dev.cellflow.client.Task t = Flow.in(ds.storage(), ds.flow()).run(2).step("start").task();
        String m = assertThrows(dev.cellflow.datastore.DamagedRecordException.class,
            () -> System.out.println(name.equals("task.json") ? t.status() : t.artifacts()))
            .getMessage();
        assertTrue(m.startsWith(error.substring("error: ".length())), m);
        Files.write(file, good);
      }
    }
  }

  /** {@code r} failed or listed with {@code line} on one line of its own, and no stack trace. */
  private static void assertOneLine(Runs.Result r, String line) {
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith(line)), r.out());
    assertEquals(1, r.out().lines().filter(l -> l.contains("is damaged")).count(), r.out());
    assertFalse(r.out().contains("\tat ") || r.out().contains("Exception"), r.out());
  }

  /** Reads a run through the Client API: {@code ReadOnlyClient ROOT}. */
  public static final class ReadOnlyClient {
    public static void main(String[] args) {
      Flow f = Flow.in(new LocalStorage(Path.of(args[0])), "Linear");
      dev.cellflow.client.Run run = f.latestRun().orElseThrow();
      System.out.println("client: run " + run.id() + " " + run.status() + ", doubled="
          + run.step("start").task().artifact("doubled").value() + ", words="
          + run.step("middle").task().artifact("words").value());
    }
  }

  @Test
  void aReadOnlyDatastoreCanBeReadByRunsLogsAndTheClientApi() throws Exception {
    assertEquals(0, main(List.of(), Flows.Linear.class, "run").code());
    // root writes whatever the mode bits say: as root, the commands run without the
    // capabilities that let it (setpriv), so that chmod binds them as it binds a user
    boolean isRoot = "root".equals(System.getProperty("user.name"));
    List<String> asUser = isRoot
        ? List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search") : List.of();
    chmod("a-w");
    try {
      Process probe = new ProcessBuilder(concat(asUser, "touch", root.resolve("probe")
          .toString())).redirectErrorStream(true).start();
      dev.cellflow.testing.Needs.tool(probe.waitFor() != 0, "setpriv (util-linux) able to drop"
          + " root's file-permission override", "run the tests as a user other than root, or"
          + " where setpriv --bounding-set is allowed");
      Runs.Result runs = main(asUser, Flows.Linear.class, "runs");
      assertEquals(0, runs.code(), runs.out());
      assertTrue(runs.out().contains("\n1      succeeded"), runs.out());
      Runs.Result logs = main(asUser, Flows.Linear.class, "logs", "1/start");
      assertEquals(0, logs.code(), logs.out());
      assertTrue(logs.out().contains("start saw n=21"), logs.out());
      Runs.Result client = main(asUser, ReadOnlyClient.class);
      assertEquals(0, client.code(), client.out());
      assertTrue(client.out().contains("client: run 1 succeeded, doubled=42, words=[hi, hi,"
          + " middle]"), client.out());
      Runs.Result run = main(asUser, Flows.Linear.class, "run");
      assertEquals(1, run.code(), run.out());
      assertTrue(run.out().contains("error: the datastore root " + root + " is not writable"),
          run.out());
    } finally {
      chmod("u+w");
    }
  }

  private void chmod(String mode) throws Exception {
    assertEquals(0, new ProcessBuilder("chmod", "-R", mode, root.toString()).start().waitFor());
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(b));
    return out;
  }

  private static String message(Flow client) {
    return assertThrows(DamagedArtifactException.class,
        () -> client.run(1).step("start").task().artifact("data").value()).getMessage();
  }

  /**
   * Runs {@code flow}'s own {@code main} in a new JVM, as {@code java -cp CP Flow ARGS
   * --datastore-root ROOT}, behind {@code prefix} (a command such as setpriv).
   */
  private Runs.Result main(List<String> prefix, Class<?> flow, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), flow.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(FlowSpec.class.isAssignableFrom(flow) ? List.of("--datastore-root",
        root.toString()) : List.of(root.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish: " + out);
    }
    return new Runs.Result(p.exitValue(), out, "");
  }
}
