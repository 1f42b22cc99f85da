package dev.cellflow.internal.cells;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * A JShell execution engine that accepts every compiled snippet and runs none. Export uses
 * JShell only as a compiler that knows the notebook's rules (top-level variables, methods,
 * redeclarations) and tells each variable's type, {@code var} included; running a notebook's
 * cells to learn that would run its heavy steps.
 */
final class CompileOnlyEngine implements ExecutionControlProvider {
  @Override
  public String name() {
    return "cellflow-compile-only";
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
    return new ExecutionControl() {
      @Override
      public void load(ClassBytecodes[] cbcs) {}

      @Override
      public void redefine(ClassBytecodes[] cbcs) {}

      @Override
      public String invoke(String className, String methodName) {
        return "";
      }

      @Override
      public String varValue(String className, String varName) {
        return "";
      }

      @Override
      public void addToClasspath(String path) {}

      @Override
      public void stop() {}

      @Override
      public Object extensionCommand(String command, Object arg) throws EngineTerminationException {
        throw new EngineTerminationException("no extension commands");
      }

      @Override
      public void close() {}
    };
  }
}
