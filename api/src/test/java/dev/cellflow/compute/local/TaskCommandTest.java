package dev.cellflow.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.task.WorkerMain;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskCommandTest {
  @Test
  void theTaskJvmUsesOurCollectorUnlessTheUserNamesOne() {
    List<String> plain = LocalBackend.command("app.jar", 4000, List.of(), null);
    assertTrue(plain.contains(TaskCollector.option()), plain.toString());
    assertTrue(plain.contains("-Xmx4000m"), plain.toString());

    // the JVM refuses two collectors: the user's replaces ours
    List<String> zgc = LocalBackend.command("app.jar", 4000, List.of(), " -XX:+UseZGC -Xlog:gc ");
    assertFalse(zgc.contains(TaskCollector.option()), zgc.toString());
    assertTrue(zgc.containsAll(List.of("-XX:+UseZGC", "-Xlog:gc")), zgc.toString());
    assertEquals(WorkerMain.class.getName(), zgc.get(zgc.size() - 1));
  }

  @Test
  void ourCollectorIsOneThisJvmStartsWith() {
    String jvm = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
        .toString();
    assertTrue(TaskCollector.starts(jvm, TaskCollector.option()), TaskCollector.option());
    assertTrue(TaskCollector.starts(jvm, "-XX:+UseG1GC"));
    assertFalse(TaskCollector.starts(jvm, "-XX:+UseNoSuchCollectorGC"));
  }
}
