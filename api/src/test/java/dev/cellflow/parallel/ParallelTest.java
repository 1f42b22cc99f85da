package dev.cellflow.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
  private String saved;

  @BeforeEach
  void saveProperty() {
    saved = System.getProperty(Parallel.PARALLELISM_PROPERTY);
  }

  @AfterEach
  void restoreProperty() {
    if (saved == null) {
      System.clearProperty(Parallel.PARALLELISM_PROPERTY);
    } else {
      System.setProperty(Parallel.PARALLELISM_PROPERTY, saved);
    }
  }

  @Test
  void resultsComeBackInTheItemsOrder() {
    System.setProperty(Parallel.PARALLELISM_PROPERTY, "4");
    List<Integer> items = Parallel.range(0, 1000, 1);

    List<Integer> out = Parallel.parallelMap(i -> i * 2, items);

    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      expected.add(i * 2);
    }
    assertEquals(expected, out);
  }

  @Test
  void aFailingItemIsReportedByIndex() {
    IOException boom = new IOException("boom");
    ParallelMapException e = assertThrows(ParallelMapException.class,
        () -> Parallel.parallelMap(i -> {
          if (i == 7) {
            throw boom;
          }
          return i;
        }, Parallel.range(0, 100, 1)));

    assertEquals(7, e.index());
    assertTrue(e.getMessage().contains("item 7"), e.getMessage());
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
    assertSame(boom, e.getCause());
  }

  @Test
  void runsOnSeveralThreadsWhenParallelismIsAboveOne() throws Exception {
    System.setProperty(Parallel.PARALLELISM_PROPERTY, "4");
    Set<String> threads = ConcurrentHashMap.newKeySet();
    // every item waits until a second item has started, which only another thread can do
    CountDownLatch two = new CountDownLatch(2);

    List<Boolean> met = Parallel.parallelMap(i -> {
      threads.add(Thread.currentThread().getName());
      two.countDown();
      return two.await(30, TimeUnit.SECONDS);
    }, Parallel.range(0, 8, 1));

    assertTrue(met.stream().allMatch(b -> b), "the items did not overlap: " + threads);
    assertTrue(threads.size() > 1, threads.toString());
    assertTrue(threads.size() <= 4, threads.toString());
  }

  @Test
  void parallelismOneRunsOnTheCallingThread() {
    System.setProperty(Parallel.PARALLELISM_PROPERTY, "1");
    String me = Thread.currentThread().getName();

    List<String> names = Parallel.parallelMap(i -> Thread.currentThread().getName(),
        Parallel.range(0, 50, 1));

    assertTrue(names.stream().allMatch(me::equals), names.toString());
  }

  @Test
  void emptyInputGivesEmptyOutput() {
    assertEquals(List.of(), Parallel.parallelMap(i -> i, List.<Integer>of()));
  }

  @Test
  void badPropertyValueNamesTheProperty() {
    System.setProperty(Parallel.PARALLELISM_PROPERTY, "four");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Parallel.parallelMap(i -> i, List.of(1, 2)));

    assertTrue(e.getMessage().contains("cellflow.parallelism"), e.getMessage());
    assertTrue(e.getMessage().contains("'four'"), e.getMessage());
  }

  @Test
  void parallelismBelowOneIsRefused() {
    System.setProperty(Parallel.PARALLELISM_PROPERTY, " 0 ");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        Parallel::parallelism);
    assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    System.setProperty(Parallel.PARALLELISM_PROPERTY, "3");
    assertEquals(3, Parallel.parallelism());
  }

  @Test
  void rangeStepsBelowTheUpperBound() {
    assertEquals(List.of(0, 3, 6, 9), Parallel.range(0, 10, 3));
    assertEquals(List.of(), Parallel.range(5, 5, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Parallel.range(0, 10, 0));
    assertTrue(e.getMessage().contains("step must be positive"), e.getMessage());
  }
}
