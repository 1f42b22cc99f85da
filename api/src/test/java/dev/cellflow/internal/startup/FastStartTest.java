package dev.cellflow.internal.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.config.Config;
import dev.cellflow.internal.startup.FastStart.Piece;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastStartTest {
  @TempDir Path dir;

  private FastStart with(String... kv) {
    Map<String, String> env = new HashMap<>();
    env.put("CELLFLOW_CONFIG", dir.resolve("config.json").toString());
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return FastStart.of(Config.of(env));
  }

  @Test
  void everyPieceIsOnUnlessSwitchedOff() {
    for (Piece p : Piece.values()) {
      assertTrue(with().isOn(p), p.name());
    }
  }

  @Test
  void theMasterSwitchTurnsEveryPieceOff() {
    FastStart off = with("CELLFLOW_FAST_START", "false", "CELLFLOW_CDS", "true");
    for (Piece p : Piece.values()) {
      assertFalse(off.isOn(p), p.name());
    }
  }

  @Test
  void eachPieceHasItsOwnVariableAndConfigKey() throws Exception {
    for (Piece p : Piece.values()) {
      FastStart one = with(Config.envName(p.key()), "FALSE");
      for (Piece q : Piece.values()) {
        assertEquals(p != q, one.isOn(q), p + " off, " + q);
      }
    }
    assertEquals("CELLFLOW_RELAUNCH", Config.envName(Piece.RELAUNCH.key()));
    assertEquals("CELLFLOW_CDS", Config.envName(Piece.CDS.key()));
    assertEquals("CELLFLOW_SCAN_CACHE", Config.envName(Piece.SCAN_CACHE.key()));
    Files.writeString(dir.resolve("config.json"), "{\"fastStart\": false}");
    assertFalse(with().isOn(Piece.CDS));
    Files.writeString(dir.resolve("config.json"), "{\"hugePages\": \"false\"}");
    assertFalse(with().isOn(Piece.HUGE_PAGES));
    assertTrue(with("CELLFLOW_HUGE_PAGES", "true").isOn(Piece.HUGE_PAGES), "the variable wins");
  }

  @Test
  void aValueThatIsNotTrueOrFalseIsNamed() {
    CellflowException e = assertThrows(CellflowException.class,
        () -> with("CELLFLOW_SCAN_CACHE", "off").isOn(Piece.SCAN_CACHE));
    assertEquals("CELLFLOW_SCAN_CACHE is 'off': use true or false (a start-up speed switch, on"
        + " by default; see docs/startup.md)", e.getMessage());
  }
}
