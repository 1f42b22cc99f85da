package dev.cellflow.internal.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What a task may change in its warm process that the next task must not see: the system
 * properties, taken before the task and put back after it, and the live threads, compared after
 * it. A task that leaves a non-daemon thread running has a process no later task should share
 * (the thread may hold or change anything): the worker retires it.
 */
final class ProcessState {
  /** How long threads a task ended with still alive get to finish (an executor shutting down). */
  private static final long GRACE_MILLIS = 100;

  private final Properties properties;
  private final Map<Object, Object> savedProperties;
  private final Set<Thread> threads;

  private ProcessState(Properties properties, Set<Thread> threads) {
    this.properties = properties;
    this.savedProperties = new HashMap<>(properties);
    this.threads = threads;
  }

  /** The state before a task. */
  static ProcessState take() {
    Set<Thread> live = Collections.newSetFromMap(new IdentityHashMap<>());
    Collections.addAll(live, liveThreads());
    return new ProcessState(System.getProperties(), live);
  }

  /**
   * Puts the system properties back as they were, and names the non-daemon threads the task
   * started that are still running (empty when none).
   */
  List<String> restore() {
    if (System.getProperties() != properties) {
      System.setProperties(properties); // the task replaced the whole object
    }
    properties.keySet().retainAll(savedProperties.keySet());
    properties.putAll(savedProperties);

    List<Thread> left = new ArrayList<>();
    for (Thread t : liveThreads()) {
      if (!threads.contains(t) && !t.isDaemon() && t != Thread.currentThread()) {
        left.add(t);
      }
    }
    long until = System.currentTimeMillis() + GRACE_MILLIS;
    List<String> names = new ArrayList<>();
    for (Thread t : left) {
      try {
        t.join(Math.max(1, until - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        names.add(t.getName());
      }
    }
    return names;
  }

  /** Every live thread of this JVM that Java code can see. */
  private static Thread[] liveThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] all = new Thread[root.activeCount() + 8];
    int n;
    while ((n = root.enumerate(all, true)) == all.length) {
      all = new Thread[all.length * 2]; // more started meanwhile: count again
    }
    return java.util.Arrays.copyOf(all, n);
  }
}
