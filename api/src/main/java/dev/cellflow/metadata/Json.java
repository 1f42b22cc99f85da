package dev.cellflow.metadata;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;

/** The one JSON mapper for metadata: records in, records out, unknown fields tolerated. */
public final class Json {
  /** Shared, thread-safe once configured. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /**
   * Starts Jackson on a background thread: the mapper and the metadata records it will write.
   * A cold mapper costs a few hundred milliseconds, which a short run should not wait for.
   */
  public static void warmUp() {
    try {
      read(new java.io.ByteArrayInputStream(write(new RunMeta("f", "c", 1, "u", "running", 0, 0,
          java.util.Map.of("k", "v"), java.util.List.of(), null))), RunMeta.class);
      read(new java.io.ByteArrayInputStream(write(new TaskMeta("s", 1, 0, "ok", 0, 0, 0, 0,
          java.util.List.of("a/1"), java.util.List.of(new SplitFrame("a", 1, 0, 1, true)), null, null))),
          TaskMeta.class);
      read(new java.io.ByteArrayInputStream(write(new TaskResult(java.util.List.of("end"), null,
          0, java.util.Map.of("a", new ArtifactRef("k", "java", "t", 1))))), TaskResult.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #warmUp} on a daemon thread. */
  public static void warmUpInBackground() {
    Thread t = new Thread(Json::warmUp, "cellflow-json-warmup");
    t.setDaemon(true);
    t.start();
  }

  /** {@code value} as JSON bytes. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** Reads a {@code type} from {@code in}, closing it. */
  public static <T> T read(InputStream in, Class<T> type) throws IOException {
    try (in) {
      return MAPPER.readValue(in, type);
    }
  }
}
