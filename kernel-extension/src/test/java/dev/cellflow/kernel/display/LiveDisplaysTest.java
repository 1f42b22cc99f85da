package dev.cellflow.kernel.display;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The display stream is found, and display data made, by reflection in both copies of the
 * Jupyter JVM library: JJava's (cellflow's own kernel too) and IJava's. Not attached to a
 * request here, a stream sends nothing; in a kernel, KernelIT sees the messages.
 */
class LiveDisplaysTest {
  /** A kernel of JJava's library, as far as displays go. */
  public static final class JJavaLike {
    private final org.dflib.jjava.jupyter.kernel.JupyterIO io =
        new org.dflib.jjava.jupyter.kernel.JupyterIO(StandardCharsets.UTF_8);

    public org.dflib.jjava.jupyter.kernel.JupyterIO getIO() {
      return io;
    }
  }

  /** A kernel of IJava's library (jupyter-jvm-basekernel 2.3.0). */
  public static final class IJavaLike {
    private final io.github.spencerpark.jupyter.kernel.JupyterIO io =
        new io.github.spencerpark.jupyter.kernel.JupyterIO();

    public io.github.spencerpark.jupyter.kernel.JupyterIO getIO() {
      return io;
    }
  }

  @Test
  void jjavasAndIJavasDisplayStreamsAreFoundAndTakeDisplays() {
    for (Object kernel : new Object[] {new JJavaLike(), new IJavaLike()}) {
      LiveDisplays.Target t = LiveDisplays.of(kernel);
      assertNotNull(t, kernel.getClass().getSimpleName());
      t.show("cellflow-x", "text", "<b>html</b>");
      t.update("cellflow-x", "text 2", "<b>html 2</b>");
    }
  }

  @Test
  void aKernelWithoutADisplayStreamGetsPlainLines() {
    assertNull(LiveDisplays.of(new Object()));
  }
}
