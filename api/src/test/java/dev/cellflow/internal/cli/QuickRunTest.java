package dev.cellflow.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cellflow.FlowSpec;
import dev.cellflow.Parameter;
import dev.cellflow.Step;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class QuickRunTest {
  enum Mode { FAST, SLOW }

  /** A flow with a parameter of each kind. */
  public static class Params extends FlowSpec {
    @Parameter(help = "count")
    int n = 3;

    @Parameter(help = "who")
    String name = "world";

    @Parameter(help = "how")
    Mode mode = Mode.FAST;

    @Parameter(help = "wait")
    long waitMs;

    @Step
    public void start() {
      next(this::end);
    }

    @Step
    public void end() {}
  }

  /** What a command line was read as: the parameters and every option of the run. */
  private static List<Object> view(QuickRun.Parsed p) {
    return List.of(p.params(), String.valueOf(p.datastore().datastore),
        String.valueOf(p.datastore().root), p.options().maxWorkers, p.options().maxNumSplits,
        p.options().tags, p.options().withs, p.options().quiet);
  }

  /** What picocli reads from {@code args}, in {@link #view}'s terms. */
  private static List<Object> picocli(String... args) {
    CommandLine cl = RunCommand.commandLine(Params.class);
    cl.parseArgs(Arrays.copyOfRange(args, 1, args.length));
    RunCommand run = cl.getCommand();
    return view(new QuickRun.Parsed(run.given(), run.datastore, run.options));
  }

  private static List<Object> quick(String... args) {
    QuickRun.Parsed p = QuickRun.parse(Params.class, args);
    assertNotNull(p, "QuickRun left " + Arrays.toString(args) + " to picocli");
    return view(p);
  }

  @Test
  void readsPlainRunLinesAsPicocliDoes() {
    for (String[] args : new String[][] {
        {"run"},
        {"run", "--n", "5", "--name", "you"},
        {"run", "--n=5", "--name=a=b", "--mode", "slow", "--wait-ms", "10"},
        {"run", "--with", "resources:memory=6000", "--with=batch", "--tag", "a", "--tag=b"},
        {"run", "--max-workers", "4", "--max-num-splits=10000", "--datastore", "s3",
            "--datastore-root", "s3://bucket/prefix"},
        {"run", "--max-workers", "0", "--name", "x y", "--datastore-root="},
        {"run", "--quiet", "--n", "5"}, {"run", "--n", "5", "--quiet"},
        {"run", "--n", "not-a-number"}, // the run says what is wrong with a parameter's value
    }) {
      assertEquals(picocli(args), quick(args), Arrays.toString(args));
    }
  }

  @Test
  void leavesEverythingElseToPicocli() {
    for (String[] args : new String[][] {
        {"run", "--help"}, {"run", "-h"}, {"run", "--version"},
        {"run", "--nope", "1"}, {"run", "extra"}, {"run", "--", "--n", "1"},
        {"run", "--n"}, {"run", "--n", "--name", "x"}, {"run", "--n", "-1"},
        {"run", "--n", "1", "--n", "2"}, {"run", "--max-workers", "1", "--max-workers=2"},
        {"run", "--max-workers", "0x10"}, {"run", "--max-workers", "016"},
        {"run", "--max-workers", "99999999999"}, {"run", "--max-workers="},
        {"run", "--quiet", "--quiet"}, {"run", "--quiet=true"}, {"run", "-q"},
        {"run", "@args.txt"}, {"run", "--name", "@file"}, {"resume"}, {},
    }) {
      assertNull(QuickRun.parse(Params.class, args), Arrays.toString(args));
    }
  }
}
