package dev.cellflow.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.internal.startup.HugePages;
import dev.cellflow.internal.task.WorkerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCommandTest {
  @Test
  void theTaskJvmUsesOurCollectorUnlessTheUserNamesOne() {
    List<String> plain = TaskCommand.of("app.jar", 4000, List.of(), null);
    assertTrue(plain.contains(TaskCollector.option()), plain.toString());
    assertTrue(plain.contains("-Xmx4000m"), plain.toString());

    // the JVM refuses two collectors: the user's replaces ours
    List<String> zgc = TaskCommand.of("app.jar", 4000, List.of(), " -XX:+UseZGC -Xlog:gc ");
    assertFalse(zgc.contains(TaskCollector.option()), zgc.toString());
    assertTrue(zgc.containsAll(List.of("-XX:+UseZGC", "-Xlog:gc")), zgc.toString());
    assertEquals(WorkerMain.class.getName(), zgc.get(zgc.size() - 1));
  }

  @Test
  void theUsersOptionsComeAfterOursSoTheirsWinAndTheWorkerMainIsLast() {
    List<String> cds = List.of("-XX:SharedArchiveFile=/cache/tasks.jsa", "-Xshare:auto");
    List<String> cmd = TaskCommand.of("a.jar:b.jar", 700, cds, "-Xss4m -XX:-UseCompressedOops");
    assertTrue(cmd.get(0).endsWith("java"), cmd.toString());
    assertEquals("-Xmx700m", cmd.get(1));
    int ourLast = cmd.indexOf("-Xshare:auto");
    assertTrue(cmd.indexOf("-XX:-UsePerfData") < cmd.indexOf(cds.get(0)), cmd.toString());
    assertEquals(List.of("-Xss4m", "-XX:-UseCompressedOops", "-cp", "a.jar:b.jar",
        WorkerMain.class.getName()), cmd.subList(ourLast + 1, cmd.size()));
  }

  @Test
  void hugePagesAreAskedForOnlyWhereLinuxOffersThem(@TempDir Path dir) throws Exception {
    Path setting = dir.resolve("enabled");
    Files.writeString(setting, "always [madvise] never\n");
    assertTrue(HugePages.offered(setting));
    Files.writeString(setting, "[always] madvise never\n");
    assertTrue(HugePages.offered(setting));
    Files.writeString(setting, "always madvise [never]\n");
    assertFalse(HugePages.offered(setting));
    assertFalse(HugePages.offered(dir.resolve("missing")));

    Path overcommit = dir.resolve("overcommit_memory");
    Files.writeString(overcommit, "2\n");
    assertTrue(HugePages.strict(overcommit));
    Files.writeString(overcommit, "0\n");
    assertFalse(HugePages.strict(overcommit));
    assertFalse(HugePages.strict(dir.resolve("missing")));
  }

  @Test
  void hugePagesCommitTheWholeHeapUnlessTheUserSizesIt() {
    List<String> ours = HugePages.options(6000, List.of());
    if (HugePages.offered(Path.of(HugePages.SETTING))
        && !HugePages.strict(Path.of(HugePages.OVERCOMMIT))) {
      assertEquals(List.of("-XX:+UseTransparentHugePages", "-XX:TLABSize=256k", "-Xms6000m"),
          ours);
      List<String> cmd = TaskCommand.of("app.jar", 6000, List.of(), null);
      assertTrue(cmd.containsAll(ours), cmd.toString());
    } else if (HugePages.offered(Path.of(HugePages.SETTING))) {
      assertEquals(List.of("-XX:+UseTransparentHugePages", "-XX:TLABSize=256k"), ours);
    } else {
      assertEquals(List.of(), ours);
    }
    // the user's heap options win, and a -Xms of ours could contradict their -Xmx
    assertEquals(List.of(), HugePages.options(6000, List.of("-Xmx2g")));
    assertEquals(List.of(), HugePages.options(6000, List.of("-Xms1g")));
    assertEquals(List.of(), HugePages.options(6000, List.of("-XX:-UseTransparentHugePages")));
  }

  @Test
  void aHeapBeyondTheMachineIsNeverCommittedAtStart(@TempDir Path dir) throws Exception {
    Path meminfo = dir.resolve("meminfo");
    Files.writeString(meminfo, "MemTotal:       24683520 kB\nMemFree:        18000000 kB\n");
    assertEquals(24105, HugePages.memTotalMb(meminfo));
    Files.writeString(meminfo, "garbage\n");
    assertEquals(Long.MAX_VALUE, HugePages.memTotalMb(meminfo));
    assertEquals(Long.MAX_VALUE, HugePages.memTotalMb(dir.resolve("missing")));

    // the seed's 60 GB step on a smaller machine: a JVM told to commit it would die at start
    int beyond = (int) Math.min(Integer.MAX_VALUE, HugePages.physicalMb() + 1);
    assertTrue(HugePages.options(beyond, List.of()).stream().noneMatch(o -> o.startsWith("-Xms")));
  }

  @Test
  void ourCollectorIsOneThisJvmStartsWith() {
    String jvm = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
        .toString();
    assertTrue(TaskCollector.starts(jvm, TaskCollector.option()), TaskCollector.option());
    assertTrue(TaskCollector.starts(jvm, "-XX:+UseG1GC"));
    assertFalse(TaskCollector.starts(jvm, "-XX:+UseNoSuchCollectorGC"));
    assertTrue(TaskCollector.starts(jvm, "-XX:+UseTransparentHugePages"));
    assertTrue(TaskCollector.starts(jvm, HugePages.SMALL_TLAB));
  }
}
