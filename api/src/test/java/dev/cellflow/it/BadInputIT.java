package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cellflow.FlowSpec;
import dev.cellflow.Parameter;
import dev.cellflow.RunStatus;
import dev.cellflow.Step;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.testing.UserCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, each started as a user starts it (the flow's own {@code main}, a JVM per case): a
 * non-zero exit, one {@code error:} line naming the field, variable, flag or file, no stack
 * trace, and the run already stored untouched.
 */
class BadInputIT {
  @TempDir static Path dir;

  /** A flow that runs. */
  public static class Hello extends FlowSpec {
    @Step public void start() {
      next(this::end);
    }

    @Step public void end() {
      System.out.println("hello");
    }

    public static void main(String[] args) {
      FlowSpec.main(Hello.class, args);
    }
  }

  /** A parameter that would be run's own --tag. */
  public static class TagParam extends FlowSpec {
    @Parameter(help = "a tag") String tag = "x";

    @Step public void start() {
      next(this::end);
    }

    @Step public void end() {}

    public static void main(String[] args) {
      FlowSpec.main(TagParam.class, args);
    }
  }

  /** A parameter of a type no option can give. */
  public static class ListParam extends FlowSpec {
    @Parameter(help = "names") List<String> names = List.of();

    @Step public void start() {
      next(this::end);
    }

    @Step public void end() {}

    public static void main(String[] args) {
      FlowSpec.main(ListParam.class, args);
    }
  }

  @BeforeAll
  static void oneRun() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"datastore\":{}}");
    UserCommand r = UserCommand.run(cp(), dir, Map.of(), Hello.class, "run");
    assertEquals(0, r.exit(), r.output());
  }

  private static String cp() {
    return System.getProperty("java.class.path");
  }

  static Stream<Arguments> badInput() {
    Map<String, String> none = Map.of();
    return Stream.of(
        Arguments.of("a @Parameter named like run's --tag, check", none, TagParam.class,
            List.of("check"), List.of("field TagParam.tag", "--tag")),
        Arguments.of("a @Parameter named like run's --tag, run", none, TagParam.class,
            List.of("run"), List.of("field TagParam.tag", "--tag")),
        Arguments.of("a List @Parameter, check", none, ListParam.class,
            List.of("check"), List.of("field ListParam.names", "type List")),
        Arguments.of("a List @Parameter, run", none, ListParam.class,
            List.of("run"), List.of("field ListParam.names", "type List")),
        Arguments.of("CELLFLOW_DATASTORE garbage", Map.of("CELLFLOW_DATASTORE", "garbage"),
            Hello.class, List.of("run"), List.of("CELLFLOW_DATASTORE", "'garbage'")),
        Arguments.of("a config file whose datastore is {}", Map.of("CELLFLOW_CONFIG",
            "config.json"), Hello.class, List.of("run"), List.of("\"datastore\" in config.json",
            "{}")),
        Arguments.of("--datastore-root ''", none, Hello.class,
            List.of("run", "--datastore-root", ""), List.of("--datastore-root is empty")),
        Arguments.of("memory past an int", none, Hello.class,
            List.of("run", "--with", "resources:memory=9999999999"),
            List.of("memory=9999999999", "too large")),
        Arguments.of("logs of an attempt that never was", none, Hello.class,
            List.of("logs", "1/end", "--attempt", "7"), List.of("1/end/2", "no attempt 7")),
        Arguments.of("logs --stdout --stderr", none, Hello.class,
            List.of("logs", "1/end", "--stdout", "--stderr"), List.of("--stdout", "--stderr")),
        Arguments.of("runs by a user who has none", none, Hello.class,
            List.of("runs", "--user", "nobody"), List.of("no runs of Hello by nobody")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void isOneErrorLineNamingItAndDamagesNothing(String name, Map<String, String> env,
      Class<? extends FlowSpec> flow, List<String> args, List<String> named) throws Exception {
    UserCommand r = UserCommand.run(cp(), dir, env, flow, args.toArray(String[]::new));
    r.assertOneErrorLine(named.toArray(String[]::new));
    // the one run made before is still there, whole, and no other was started
    List<Run> runs = Flow.in(new LocalStorage(dir.resolve(".cellflow")),
        "Hello").runs();
    assertEquals(1, runs.size(), runs.toString());
    assertEquals(RunStatus.SUCCEEDED, runs.get(0).status());
    assertEquals("hello\n", runs.get(0).step("end").task().stdout());
    try (Stream<Path> top = Files.list(dir)) { // no store made in the working folder itself
      assertEquals(List.of(".cellflow", "config.json"),
          top.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
