package dev.cellflow.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCacheTest {
  @Test
  void scansComeBackAsWrittenWhateverTheNames(@TempDir Path dir) {
    Map<String, List<TransitionScanner.Call>> calls = new HashMap<>();
    calls.put("start", List.of(new TransitionScanner.Call(List.of("a", "b"), null, false, 12)));
    calls.put("fan", List.of(new TransitionScanner.Call(List.of("each"), "items", true, 20)));
    // a helper's odd constants: markers and separators must not be confused with names
    calls.put("lambda$helper$0", List.of(
        new TransitionScanner.Call(List.of(), "-", true, -1),
        new TransitionScanner.Call(List.of("x y", "a,b", "%", "."), "%all", true, 3)));
    Map<String, Set<String>> touches = new HashMap<>();
    touches.put("start", Set.of("items", "size"));
    touches.put("join", null); // all of them
    touches.put("end", Set.of());
    Path file = dir.resolve("scan.txt");

    ScanCache.write(file, new ScanCache.Scans(calls, touches));
    ScanCache.Scans back = ScanCache.read(file);

    assertEquals(calls, back.calls());
    assertEquals(touches, back.touches());
    assertTrue(back.touches().containsKey("join"));
  }

  @Test
  void aFileThatIsNotOursIsIgnored(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("scan.txt");
    assertNull(ScanCache.read(file)); // none yet
    assertNull(ScanCache.read(null));
    Files.writeString(file, "something else\ncall start 1 0 % end\n");
    assertNull(ScanCache.read(file));
    Files.writeString(file, "cellflow-graph-scan 2\ncall start 1 0 %\n"); // cut short
    assertNull(ScanCache.read(file));
    Files.writeString(file, "cellflow-graph-scan 2\ncall start x 0 % end\n");
    assertNull(ScanCache.read(file));
  }

  @Test
  void aGraphBuiltFromTheCacheIsTheGraphBuiltFromTheBytecode(@TempDir Path dir) throws Exception {
    for (Class<? extends dev.cellflow.FlowSpec> flow : Arrays.asList(
        GraphBuilderTest.NestedFlow.class, GraphBuilderTest.ForeachFlow.class,
        FieldUseTest.Touchy.class)) {
      Path file = dir.resolve(flow.getSimpleName() + ".txt");
      FlowGraph scanned = GraphBuilder.build(flow, file);
      assertTrue(Files.isRegularFile(file), "written for " + flow.getSimpleName());
      FlowGraph cached = GraphBuilder.build(flow, file);
      assertEquals(scanned.steps(), cached.steps(), flow.getSimpleName());

      Files.writeString(file, "garbage"); // a broken file is analysed again and replaced
      assertEquals(scanned.steps(), GraphBuilder.build(flow, file).steps());
      assertEquals(scanned.steps(), GraphBuilder.build(flow, file).steps());
      assertTrue(Files.readString(file).startsWith("cellflow-graph-scan 2\n"));
    }
  }

  @Test
  void anInvalidFlowLeavesNoCache(@TempDir Path dir) {
    Path file = dir.resolve("bad.txt");
    assertThrows(GraphException.class,
        () -> GraphBuilder.build(GraphValidationTest.Cycle.class, file));
    assertTrue(Files.notExists(file));
  }
}
