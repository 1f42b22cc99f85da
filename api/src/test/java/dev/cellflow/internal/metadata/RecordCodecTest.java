package dev.cellflow.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cellflow.RunStatus;
import dev.cellflow.TaskStatus;
import dev.cellflow.compute.SplitFrame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private static final ObjectMapper DATABIND = Json.mapper();

  private static Map<String, String> params() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("size", "20000");
    m.put("name", "quote \" backslash \\ newline \n tab \t é ü 日本");
    return m;
  }

  /** Every record of the package, with nulls, empties, extremes and text that needs escaping. */
  private static List<Record> samples() {
    Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
    artifacts.put("sum", new ArtifactRef("ab12", "java", "double", 8));
    artifacts.put("m", new ArtifactRef("cd34", "raw", "double[][]", Long.MAX_VALUE));
    return List.of(
        new RunMeta("BigSum", "dev.cellflow.examples.BigSum", 7, "root", RunStatus.RUNNING,
            1764000000000L, 0, params(), List.of("a", "b"), null),
        new RunMeta("F", "c", Integer.MAX_VALUE, null, RunStatus.SUCCEEDED, -1, Long.MIN_VALUE,
            Map.of(), List.of(), 3),
        new TaskMeta("start", 1, 0, TaskStatus.SUCCEEDED, 1, 2, 1234, null, List.of(),
            List.of(), null, null, null),
        new TaskMeta("join", 5, 2, TaskStatus.FAILED, 1, 2, 0, 137, List.of("a/1", "b/2"),
            List.of(new SplitFrame("start", 1, 0, 2, false), new SplitFrame("f", 3, 9, 10,
                true)), "it said \"no\"\n at line 2", "Flow/1/join/5", "job-123"),
        new TaskResult(List.of("end"), null, 0, artifacts),
        new TaskResult(List.of(), "items", 10000, Map.of()),
        new ArtifactRef("k", "zstd", "java.util.List", 0),
        new SplitFrame("s", 0, 0, 0, false));
  }

  @Test
  void writesTheBytesDataBindingWrites() throws IOException {
    for (Record r : samples()) {
      assertEquals(new String(DATABIND.writeValueAsBytes(r), StandardCharsets.UTF_8),
          new String(RecordCodec.write(r), StandardCharsets.UTF_8), r.toString());
    }
  }

  @Test
  void readsWhatDataBindingWritesAndBack() throws IOException {
    for (Record r : samples()) {
      assertEquals(r, RecordCodec.read(new ByteArrayInputStream(DATABIND.writeValueAsBytes(r)),
          r.getClass()));
      assertEquals(r, DATABIND.readValue(RecordCodec.write(r), r.getClass()));
    }
  }

  @Test
  void readsAsDataBindingDoesUnknownMissingAndNullFields() throws IOException {
    String json = "{\"tags\":[],\"future\":{\"x\":[1,{\"y\":null}]},\"runId\":4,"
        + "\"startedAt\":null,\"flow\":\"F\",\"parameters\":{\"a\":\"1\"},\"extra\":7}";
    RunMeta mine = RecordCodec.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        RunMeta.class);
    assertEquals(DATABIND.readValue(json, RunMeta.class), mine);
    assertEquals(4, mine.runId());
    assertEquals(0, mine.startedAt());
    assertEquals(null, mine.status());
  }

  @Test
  void statusesAreStoredAsTheirLowerCaseWordsAndAnUnknownOneIsNamed() throws IOException {
    for (RunStatus st : RunStatus.values()) {
      RunMeta r = new RunMeta("F", "c", 1, "u", st, 0, 0, Map.of(), List.of(), null);
      String json = new String(RecordCodec.write(r), StandardCharsets.UTF_8);
      assertTrue(json.contains("\"status\" : \"" + st.name().toLowerCase() + "\""), json);
    }
    // a store written before the enums (the same words) reads back as before
    String old = "{\"step\":\"s\",\"task\":1,\"status\":\"caught\"}";
    assertEquals(TaskStatus.CAUGHT, RecordCodec.read(new ByteArrayInputStream(
        old.getBytes(StandardCharsets.UTF_8)), TaskMeta.class).status());
    String bad = "{\"step\":\"s\",\"task\":1,\"status\":\"exploded\"}";
    IOException e = assertThrows(IOException.class, () -> RecordCodec.read(
        new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), TaskMeta.class));
    assertTrue(e.getMessage().contains("'exploded' is not a TaskStatus (running, succeeded,"
        + " failed, caught, killed)"), e.getMessage());
  }

  @Test
  void badJsonIsAnErrorNotAHalfRecord() {
    for (String bad : new String[] {"{\"runId\": [1]}", "[1, 2]", "{\"tags\": {}}",
        "{\"flow\": \"F\"", "", "{\"parameters\": {\"a\": "}) {
      assertThrows(IOException.class, () -> RecordCodec.read(
          new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), RunMeta.class), bad);
    }
  }

  @Test
  void onlyThisPackagesPlainRecordsAreItsOwn() {
    assertTrue(RecordCodec.supports(TaskMeta.class));
    assertTrue(RecordCodec.supports(TaskResult.class));
    assertFalse(RecordCodec.supports(String.class));
    assertFalse(RecordCodec.supports(dev.cellflow.compute.StepResources.class),
        "a record of another package");
  }

  @Test
  void taskLinesAndSummariesSurviveAnyText() throws IOException {
    List<String> args = Arrays.asList("step", "F", "a\nb", "\"q\"", "\\", "", "日本");
    byte[] line = Json.writeStrings(args);
    assertFalse(new String(line, StandardCharsets.UTF_8).contains("\n"), "one line");
    assertEquals(args, Json.readStrings(new String(line, StandardCharsets.UTF_8)));
    String summary = "ZeroDivisionError\n\tat x \"y\"";
    assertFalse(Json.quote(summary).contains("\n"));
    assertEquals(summary, Json.unquote(Json.quote(summary)));
  }
}
