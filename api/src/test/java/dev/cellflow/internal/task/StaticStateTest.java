package dev.cellflow.internal.task;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which classes can carry state from one task to the next, read from their class files. */
class StaticStateTest {
  static class Constants {
    static final int N = 3;
    static final String NAME = "n";
    static final Long BIG = 1L << 40; // boxed in a static initializer
    static final String JOINED = NAME + BIG; // concatenated there

    int instanceFieldsAreTheFlowInstances;
  }

  enum Shade {
    DARK(1), LIGHT(2);

    final int level;

    Shade(int level) {
      this.level = level;
    }

    String kind() {
      return switch (this) { // a switch table: a compiler-made class
        case DARK -> "dark";
        case LIGHT -> "light";
      };
    }
  }

  record Point(int x, int y) {}

  static class Counter {
    static int count;
  }

  static class Appends {
    static final List<String> SEEN = new ArrayList<>();
  }

  static class Counts {
    static final AtomicInteger COUNT = new AtomicInteger();
  }

  static class PerThread {
    static final ThreadLocal<String> MINE = new ThreadLocal<>();
  }

  static class Arrays {
    static final int[] TABLE = {1, 2};
  }

  static class SideEffect {
    static final int N;

    static {
      System.setProperty("static.state.test", "set"); // missed by a later task sharing it
      N = 1;
    }
  }

  enum Mutable {
    ONE;

    int uses; // shared by every task that shares the enum
  }

  enum Calls {
    ONE;

    final long at = System.nanoTime();
  }

  private static byte[] bytes(Class<?> c) throws IOException {
    String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
    try (InputStream in = c.getResourceAsStream(file)) {
      return in.readAllBytes();
    }
  }

  private static boolean holdsState(Class<?> c) throws IOException {
    return StaticState.holdsState(bytes(c));
  }

  @Test
  void constantsEnumsOfValuesRecordsAndSwitchTablesHoldNoState() throws Exception {
    assertFalse(holdsState(Constants.class));
    assertFalse(holdsState(Shade.class));
    assertFalse(holdsState(Point.class));
    assertFalse(holdsState(StaticStateTest.class));
    assertFalse(holdsState(Class.forName(StaticStateTest.class.getName() + "$1")),
        "the switch table of Shade.kind");
  }

  @Test
  void mutableStaticsAndInitializersThatCallOutHoldState() throws Exception {
    for (Class<?> c : List.of(Counter.class, Appends.class, Counts.class, PerThread.class,
        Arrays.class, SideEffect.class, Mutable.class, Calls.class)) {
      assertTrue(holdsState(c), c.getSimpleName());
    }
  }

  @Test
  void aClassFileThatCannotBeReadIsAssumedToHoldState() {
    assertTrue(StaticState.holdsState(new byte[] {1, 2, 3}));
  }
}
