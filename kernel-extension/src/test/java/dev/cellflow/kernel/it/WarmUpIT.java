package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's start-up warm-up (issue 15 item 10), through a real Jupyter client: before any
 * cell asks for it, the kernel has booted a local task process, and the session's first {@code
 * %batch backend=local} cell runs in that very process.
 */
class WarmUpIT {
  @TempDir
  static Path dir;

  /** The first cell looks, from inside the kernel, for its task process (60 s at most). */
  private static final String WAIT_FOR_TASK_PROCESS = """
      long early = -1;
      for (int i = 0; i < 600 && early < 0; i++) {
        early = ProcessHandle.current().children()
            .filter(p -> p.info().commandLine().orElse("").contains("WorkerMain"))
            .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        if (early < 0) Thread.sleep(100);
      }
      System.out.println("booted early: " + early);
      """;

  private static Map<String, Object> cell(String code) {
    return new LinkedHashMap<>(Map.of("code", code));
  }

  private static String stdout(JsonNode cells, int i) {
    assertTrue(cells.get(i).get("error").isNull(), "cell " + i + " failed: "
        + cells.get(i).get("error"));
    return cells.get(i).get("stdout").asText();
  }

  @Test
  void theFirstBatchCellRunsInTheTaskProcessBootedAsTheKernelStarted() throws Exception {
    // without class-data archives: the warm-up boots a process only where none is to be
    // written (the first process of a class path writes it), and this kernel jar is new
    JsonNode out = Jupyter.install(dir).cells(List.of(cell(WAIT_FOR_TASK_PROCESS),
        cell("%flow Warm"), cell("%batch backend=local\nlong here = ProcessHandle.current().pid();"
            + "\nSystem.out.println(\"task pid: \" + here);"),
        cell("%flow end")), Map.of("CELLFLOW_CDS", "false"));
    String booted = stdout(out, 0);
    Matcher early = Pattern.compile("booted early: (-?\\d+)").matcher(booted);
    assertTrue(early.find(), booted);
    assertTrue(Long.parseLong(early.group(1)) > 0, "no task process before the first cell: "
        + booted);
    String remote = stdout(out, 2);
    Matcher task = Pattern.compile("task pid: (\\d+)").matcher(remote);
    assertTrue(task.find(), remote);
    assertEquals(early.group(1), task.group(1), remote);
  }
}
