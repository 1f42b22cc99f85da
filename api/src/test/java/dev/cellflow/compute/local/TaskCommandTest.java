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
  void ourCollectorIsOneThisJvmStartsWith() throws Exception {
    Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), TaskCollector.option(), "-version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), TaskCollector.option() + ": " + out);
    assertTrue(TaskCollector.knows("UseG1GC"));
    assertFalse(TaskCollector.knows("UseNoSuchCollectorGC"));
  }
}
