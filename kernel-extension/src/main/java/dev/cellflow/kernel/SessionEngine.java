package dev.cellflow.kernel;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
    return new BriefValues(loader);
  }

  /**
   * JShell describes every value a snippet makes as text, and an array in full, element by
   * element, nested arrays too: {@code double[] big = new double[60_000_000]} took 45 s, and a
   * 20000 x 20000 matrix would never end. The kernel reads values from their fields and never
   * shows that text, so a snippet runs through {@link #run} here, which keeps JShell's threading
   * and stopping and gives it a short description instead.
   */
  static final class BriefValues extends LocalExecutionControl {
    private static final int SHOWN = 10;
    private static final Object LOCK = new Object();
    private static final Method RUN;

    static {
      try {
        RUN = BriefValues.class.getDeclaredMethod("run");
        RUN.setAccessible(true); // JShell's module calls it, and this class is not public
      } catch (NoSuchMethodException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** The snippet method {@link #run} calls: one snippet runs at a time in a JVM. */
    private static volatile Method pending;

    BriefValues(SessionLoader loader) {
      super(loader);
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
      synchronized (LOCK) {
        pending = doitMethod;
        try {
          return super.invoke(RUN);
        } finally {
          pending = null;
        }
      }
    }

    /** Runs the pending snippet method on JShell's snippet thread; describes its value. */
    @SuppressWarnings("unused") // called reflectively, through RUN
    public static Object run() throws Throwable {
      try {
        return new Brief(brief(pending.invoke(null)));
      } catch (InvocationTargetException e) {
        throw e.getCause(); // as if JShell had called the snippet itself
      }
    }

    /** Text JShell takes as it is (a String it would quote again). */
    private record Brief(String text) {
      @Override
      public String toString() {
        return text;
      }
    }

    static String brief(Object v) {
      if (v == null) {
        return "null";
      }
      if (v instanceof String s) {
        return "\"" + s + "\"";
      }
      if (!v.getClass().isArray()) {
        return String.valueOf(v);
      }
      int n = Array.getLength(v);
      StringBuilder b = new StringBuilder(v.getClass().getComponentType().getSimpleName())
          .append('[').append(n).append("] { ");
      for (int i = 0; i < Math.min(n, SHOWN); i++) {
        Object e = Array.get(v, i);
        b.append(i == 0 ? "" : ", ").append(e != null && e.getClass().isArray()
            ? e.getClass().getComponentType().getSimpleName() + "[" + Array.getLength(e) + "]"
            : brief(e));
      }
      return b.append(n > SHOWN ? ", ... }" : " }").toString();
    }
  }
}
