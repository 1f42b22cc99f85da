package dev.cellflow.internal.metadata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cellflow.RunStatus;
import dev.cellflow.TaskStatus;
import dev.cellflow.compute.SplitFrame;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON for metadata: records in, records out, unknown fields tolerated. The run and task records
 * go through {@link RecordCodec} (Jackson's streaming layer, the same bytes); everything else
 * through one {@link ObjectMapper}, made on first use.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /** Made on first use: a process that only reads and writes run records never pays for it. */
  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // statuses are stored in lower case, their toString(): RecordCodec writes them so too
        .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
        .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The shared mapper, thread-safe once configured. */
  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  /** Reads and writes each run and task record once, so the first real one runs warm. */
  public static void warmUp() {
    try {
      read(new java.io.ByteArrayInputStream(write(new RunMeta("f", "c", 1, "u",
          RunStatus.RUNNING, 0, 0, java.util.Map.of("k", "v"), java.util.List.of(), null))),
          RunMeta.class);
      read(new java.io.ByteArrayInputStream(write(new TaskMeta("s", 1, 0, TaskStatus.SUCCEEDED,
          0, 0, 0, 0, java.util.List.of("a/1"),
          java.util.List.of(new SplitFrame("a", 1, 0, 1, true)), null, null))), TaskMeta.class);
      read(new java.io.ByteArrayInputStream(write(new TaskResult(java.util.List.of("end"), null,
          0, java.util.Map.of("a", new ArtifactRef("k", "java", "t", 1))))), TaskResult.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code items} as a JSON array of strings, on one line. */
  public static byte[] writeStrings(List<String> items) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartArray();
      for (String s : items) {
        g.writeString(s);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new IllegalStateException(e); // in memory
    }
    return out.toByteArray();
  }

  /** A JSON array of strings, read. */
  public static List<String> readStrings(String json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new JsonParseException(p, "expected an array of strings");
      }
      List<String> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        out.add(p.getValueAsString());
      }
      return out;
    }
  }

  /** {@code text} as a JSON string, quoted and escaped: one line whatever it holds. */
  public static String quote(String text) {
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e); // in memory
    }
    return out.toString();
  }

  /** A JSON string, unquoted. */
  public static String unquote(String json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      p.nextToken();
      return p.getValueAsString();
    }
  }

  /** {@code value} as JSON bytes. */
  public static byte[] write(Object value) {
    try {
      if (value instanceof Record r && RecordCodec.supports(r.getClass())) {
        return RecordCodec.write(r);
      }
      return mapper().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** Reads a {@code type} from {@code in}, closing it. */
  public static <T> T read(InputStream in, Class<T> type) throws IOException {
    try (in) {
      return RecordCodec.supports(type) ? RecordCodec.read(in, type) : mapper().readValue(in, type);
    }
  }
}
