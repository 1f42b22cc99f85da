package dev.cellflow.kernel.display;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Displays that a cell shows and then updates in place (Jupyter's {@code display_data} and
 * {@code update_display_data} with one {@code display_id}), in any kernel built on the Jupyter
 * JVM base kernel: cellflow's own and JJava ({@code org.dflib.jjava.jupyter}), IJava ({@code
 * io.github.spencerpark.jupyter}). Their display streams have the same shape, {@code
 * getIO().display} with {@code display(DisplayData)} and {@code updateDisplay(String,
 * DisplayData)}, so one reflective target serves all of them, whichever copy of the library
 * the kernel loaded.
 */
public final class LiveDisplays {
  private LiveDisplays() {}

  /** Where a display goes: a kernel's display stream, while a cell runs. */
  public interface Target {
    /** Shows a new display {@code id} (text/plain and text/html). */
    void show(String id, String text, String html);

    /** Replaces what display {@code id} shows. */
    void update(String id, String text, String html);
  }

  /**
   * The display stream of {@code kernel}, or null where it has none that can update a display
   * (the caller then prints plain lines).
   */
  public static Target of(Object kernel) {
    try {
      Method getIo = kernel.getClass().getMethod("getIO");
      Object io = getIo.invoke(kernel);
      Object stream = io.getClass().getField("display").get(io);
      Method show = null;
      Method update = null;
      for (Method m : stream.getClass().getMethods()) {
        if (m.getName().equals("display") && m.getParameterCount() == 1) {
          show = m;
        } else if (m.getName().equals("updateDisplay") && m.getParameterCount() == 2
            && m.getParameterTypes()[0] == String.class) {
          update = m;
        }
      }
      if (show == null || update == null) {
        return null;
      }
      Class<?> data = show.getParameterTypes()[0];
      return new Reflective(stream, show, update, data.getConstructor(String.class),
          data.getMethod("putHTML", String.class), data.getMethod("setDisplayId", String.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private record Reflective(Object stream, Method show, Method update, Constructor<?> data,
      Method putHtml, Method setId) implements Target {
    @Override
    public void show(String id, String text, String html) {
      call(show, data(id, text, html));
    }

    @Override
    public void update(String id, String text, String html) {
      try {
        update.invoke(stream, id, data(id, text, html));
      } catch (InvocationTargetException | IllegalAccessException e) {
        throw failure(e);
      }
    }

    private Object data(String id, String text, String html) {
      try {
        Object d = data.newInstance(text);
        putHtml.invoke(d, html);
        setId.invoke(d, id);
        return d;
      } catch (ReflectiveOperationException e) {
        throw failure(e);
      }
    }

    private void call(Method m, Object d) {
      try {
        m.invoke(stream, d);
      } catch (InvocationTargetException | IllegalAccessException e) {
        throw failure(e);
      }
    }

    private static RuntimeException failure(ReflectiveOperationException e) {
      Throwable c = e instanceof InvocationTargetException i ? i.getCause() : e;
      return c instanceof RuntimeException r ? r : new IllegalStateException(c);
    }
  }
}
