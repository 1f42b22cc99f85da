package dev.cellflow.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.cellflow.kernel.wire.CheckedConnection;
import java.util.Arrays;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * {@code java -jar cellflow-kernel.jar CONNECTION_FILE} runs the kernel (Jupyter starts it so);
 * {@code java -jar cellflow-kernel.jar install [options]} installs its kernelspec (see {@link
 * Kernelspec}).
 */
public final class Main {
  private Main() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("install")) {
      System.exit(Kernelspec.main(Arrays.asList(args).subList(1, args.length)));
    }
    if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
      System.err.println("usage: java -jar cellflow-kernel.jar CONNECTION_FILE\n"
          + "       java -jar cellflow-kernel.jar install [--user | --sys-prefix | --prefix DIR"
          + " | --path DIR] [--name NAME] [--display-name TEXT]");
      System.exit(2);
    }
    KernelConnectionProperties props = KernelConnectionProperties.parse(
        Files.readString(Path.of(args[0])));
    CheckedConnection connection = new CheckedConnection(props);
    CellflowKernel kernel = CellflowKernel.create();
    kernel.onStartup();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    dev.cellflow.kernel.magic.WarmUp.start(() -> kernel); // once the kernel answers
    connection.waitUntilClose();
    System.exit(0); // the session's threads (JShell, backends) must not keep the JVM up
  }
}
