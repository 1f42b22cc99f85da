package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.FlowSpec;
import dev.cellflow.Inputs;
import dev.cellflow.Parameter;
import dev.cellflow.Resources;
import dev.cellflow.Step;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wide foreach whose join reads one small field per input, started by the flow's own main. */
class JoinScaleIT {
  @TempDir Path root;

  /** A value that counts how often it is read back, in the process that reads it. */
  public static final class Counted implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger READS = new AtomicInteger();
    final String what;
    final byte[] payload;

    Counted(String what, int bytes, int fill) {
      this.what = what;
      this.payload = new byte[bytes];
      java.util.Arrays.fill(payload, (byte) fill);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READS.incrementAndGet();
    }
  }

  /**
   * Start sets a large array and a counted value every split carries on; each split makes a
   * counted value of its own that the join never reads. The join, in a 256 MB heap, reads a
   * number and the start's counted value from every input.
   */
  public static class WideJoin extends FlowSpec {
    @Parameter(help = "splits")
    int splits = 1000;

    double[] big;
    Counted shared;
    List<Integer> items;
    Counted scratch;
    long square;
    long total;

    @Step public void start() {
      big = new double[64 << 17]; // 64 MB
      shared = new Counted("shared", 16, 0);
      items = new ArrayList<>();
      for (int i = 0; i < splits; i++) {
        items.add(i);
      }
      foreach("items", this::each);
    }

    @Step public void each() {
      int x = input();
      square = (long) x * x;
      scratch = new Counted("scratch", 4096, x); // a value of its own: its own address
      next(this::join);
    }

    @Resources(memory = 256)
    @Step public void join(Inputs<WideJoin> inputs) {
      int before = Counted.READS.get();
      total = inputs.stream().mapToLong(f -> f.square + f.big.length * 0L
          + f.shared.payload.length).sum();
      System.out.println("join: total " + total + ", stored values read "
          + (Counted.READS.get() - before) + ", heap " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MB");
      next(this::end);
    }

    @Step public void end() {
      System.out.println("The total is " + total + ".");
    }

    public static void main(String[] args) {
      FlowSpec.main(WideJoin.class, args);
    }
  }

  @Test
  void aWideJoinReadsOnlyWhatItTouchesEachStoredObjectOnce() throws Exception {
    int n = 1000;
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WideJoin.class.getName(), "run",
        "--splits", Integer.toString(n), "--max-num-splits", Integer.toString(n),
        "--datastore-root", root.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    long squares = 0;
    for (long i = 0; i < n; i++) {
      squares += i * i + 16;
    }
    // one read: the start's value, shared by all inputs; none of the splits' own values
    assertTrue(out.contains("join: total " + squares + ", stored values read 1, heap "), out);
    assertTrue(out.contains("The total is " + squares + "."), out);
  }
}
