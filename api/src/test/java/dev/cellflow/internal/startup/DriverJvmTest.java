package dev.cellflow.internal.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverJvmTest {
  private static final List<String> ARGV = List.of("/jdk/bin/java", "-Xmx1g", "-cp", "app.jar",
      "my.Flow", "run", "--n", "3");

  @Test
  void theCopyRunsTheSameCommandLineWithItsOptionsBeforeTheUsers() {
    List<String> cmd = DriverJvm.copyCommand(ARGV, Path.of("/c/a.jsa"), null);
    assertEquals("/jdk/bin/java", cmd.get(0));
    assertEquals(ARGV.subList(1, ARGV.size()), cmd.subList(cmd.size() - 7, cmd.size()),
        "the user's options come last, so they win");
    assertTrue(cmd.contains("-D" + DriverJvm.COPY + "=true"), "the copy does not copy itself");
    assertTrue(cmd.contains("-XX:SharedArchiveFile=/c/a.jsa"));
    assertTrue(cmd.contains("-XX:+UseSerialGC"));
    assertTrue(cmd.contains("-Ddev.cellflow.FlowEngine=" + dev.cellflow.internal.cli.CliEngine.class.getName()),
        "the copy is told its engine, and reads no service file for it");
  }

  @Test
  void theFirstCopyWritesTheArchiveAndNoneIsNamedWithoutOne() {
    assertTrue(DriverJvm.copyCommand(ARGV, Path.of("/c/a.jsa"), Path.of("/c/a.jsa.1.tmp"))
        .contains("-XX:ArchiveClassesAtExit=/c/a.jsa.1.tmp"));
    assertTrue(DriverJvm.copyCommand(ARGV, null, null).stream()
        .noneMatch(o -> o.contains("Archive")));
  }

  @Test
  void aCollectorTheUserNamesIsNotJoinedBySecondOne() {
    List<String> argv = List.of("java", "-XX:+UseG1GC", "-cp", "app.jar", "my.Flow", "run");
    assertFalse(DriverJvm.copyCommand(argv, null, null).contains("-XX:+UseSerialGC"));
  }

  @Test
  void agentsAndClassDataOptionsOfTheUsersOwnKeepTheCommandInThisJvm() {
    assertTrue(DriverJvm.hasOwnOptions(List.of("java",
        "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "my.Flow", "run")));
    assertTrue(DriverJvm.hasOwnOptions(List.of("java", "-Xshare:off", "my.Flow", "run")));
    assertFalse(DriverJvm.hasOwnOptions(ARGV));
  }
}
