package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.TaskStatus;
import dev.cellflow.client.Flow;
import dev.cellflow.kernel.CellflowKernel;
import dev.cellflow.kernel.session.JShellSession;
import org.junit.jupiter.api.Test;

/**
 * Interrupting a {@code %batch} cell while it ships what it reads (here a 480 MB array the
 * kernel made before the flow began) is a clear error; nothing stored before is lost and the
 * next remote cell runs. In-process kernel, local task backend.
 */
class InterruptUploadIT {
  @Test
  void anInterruptWhileShippingIsAClearErrorAndLosesNothing() throws Exception {
    CellflowKernel kernel = CellflowKernel.create();
    try {
      // random values: the store cannot compress them away, so shipping takes a while
      kernel.evalRaw("double[] big = dev.cellflow.data.Matrices.random(1, 60_000_000, 1)[0];");
      String flow = "Upload" + ProcessHandle.current().pid();
      kernel.evalRaw("%flow " + flow);
      kernel.evalRaw("int small = 7;");
      Thread interrupter = new Thread(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          return;
        }
        kernel.interrupt();
      });
      interrupter.start();
      long t0 = System.nanoTime();
      Exception e = assertThrows(Exception.class,
          () -> kernel.evalRaw("%batch backend=local\ndouble s = big[0] + small;"));
      interrupter.join();
      String message = String.valueOf(e.getMessage());
      assertTrue(message.contains("%batch: interrupted; interrupted while shipping the cell;"
          + " nothing was launched"), e.toString());
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 60_000, "the interrupt was not seen");
      JShellSession s = kernel.session();
      assertEquals(null, s.variables().get("s"), "the interrupted cell bound a variable");

      kernel.evalRaw("%batch backend=local\nint t = small * 6;");
      assertEquals(42, s.value(s.variables().get("t")));
      var run = Flow.named(flow).latestRun().orElseThrow();
      assertEquals(7, (int) run.step("cell_1").task().artifact("small").value());
      assertEquals(TaskStatus.KILLED, run.step("cell_2").task().status());
      assertEquals(TaskStatus.SUCCEEDED, run.step("cell_3").task().status());
    } finally {
      kernel.evalRaw("%flow end");
    }
  }
}
