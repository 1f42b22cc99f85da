package dev.cellflow.kernel;

import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's execution engine for the kernel: code runs in this JVM ({@link
 * LocalExecutionControl}, on its own thread, stoppable by an interrupt) with classes from a
 * {@link SessionLoader}.
 */
final class SessionEngine implements ExecutionControlProvider {
  private final SessionLoader loader;

  SessionEngine(SessionLoader loader) {
    this.loader = loader;
  }

  @Override
  public String name() {
    return "cellflow";
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
    return new LocalExecutionControl(loader);
  }
}
