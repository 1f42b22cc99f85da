package dev.cellflow.internal.runtime;

import java.util.List;

/**
 * Hears what happens to a run (the events of {@link RunEvent}), to show progress or to record
 * it in a test. The runner calls it on its own thread, one event at a time, as it decides each
 * change: a listener must be quick, and must not throw. A run interrupted by Ctrl-C may also
 * end, and say so, on another thread.
 *
 * <p>An internal seam, not user API: the command line's progress ({@code dev.cellflow.internal.progress})
 * and the runner's unit tests listen here; flows do not.
 */
@FunctionalInterface
public interface RunListener {
  /** Hears nothing. */
  RunListener NONE = event -> {};

  /** Called with each event, in order. */
  void on(RunEvent event);

  /** A listener that hands each event to each of {@code listeners}, in their order. */
  static RunListener of(List<? extends RunListener> listeners) {
    List<RunListener> all = List.copyOf(listeners);
    return all.size() == 1 ? all.get(0) : event -> {
      for (RunListener l : all) {
        l.on(event);
      }
    };
  }
}
