package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored logs: stamped where they were printed, and capped with a note. */
class LogsIT {
  @TempDir Path root;

  @Test
  void linesKeepTheTimeTheyWerePrinted() {
    assertEquals(0, Runs.cli(Flows.Chatty.class, root, "run", "--lines", "3").code());
    Runs.Result plain = Runs.cli(Flows.Chatty.class, root, "logs", "1/start/1");
    assertTrue(plain.out().startsWith("line 0000 xxx"), plain.out());
    Runs.Result stamped = Runs.cli(Flows.Chatty.class, root, "logs", "1/start/1",
        "--timestamps");
    for (String line : stamped.out().split("\n")) {
      assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z line \\d{4} x+"),
          line);
    }
  }

  @Test
  void aLogPastTheCapEndsWithANoteSayingSo() throws Exception {
    Process p = Runs.process(Map.of("CELLFLOW_LOG_CAP_KB", "16"), Flows.Chatty.class, root,
        "run", "--lines", "1000");
    Runs.Result r = Runs.finish(p);
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("line 0999"), "the console still shows everything");
    Runs.Result logs = Runs.cli(Flows.Chatty.class, root, "logs", "1/start/1", "--stdout");
    String kept = logs.out();
    assertTrue(kept.length() < 20 * 1024, "about 16 KB kept, not " + kept.length());
    assertTrue(kept.contains("line 0000"), kept);
    assertTrue(kept.strip().endsWith("bytes were printed but not kept (set CELLFLOW_LOG_CAP_KB)]"),
        kept.substring(kept.length() - 300));
  }
}
