package dev.cellflow.internal.metadata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records of this package (plain fields: strings, numbers, booleans, enums by their {@code
 * toString()}, lists, string-keyed maps, other such records) to and from JSON on Jackson's
 * streaming layer, in the very bytes Jackson's data binding writes for them. Why not data binding: each process of a run reads or
 * writes these records, and a cold {@code ObjectMapper} costs a process 0.2-0.3 s of CPU before
 * its first record (its introspection runs interpreted); measured on a 2-core machine, that was
 * a fifth of a cold 2-step run's CPU. This needs the record's components and its canonical
 * constructor, no more. Records elsewhere, and any with another kind of component, are left to
 * data binding ({@link #supports}). Reading follows data binding's rules: unknown fields are
 * skipped, a missing or null primitive is zero, lists are {@link ArrayList}s and maps {@link
 * LinkedHashMap}s.
 */
final class RecordCodec {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
  /** The shape of a type this codec leaves to data binding. */
  private static final Shape UNSUPPORTED = new Shape(null, null);

  /** A record's components and canonical constructor. */
  private record Shape(RecordComponent[] components, Constructor<?> constructor) {}

  private RecordCodec() {}

  /** Whether {@code type} is a record this codec reads and writes. */
  static boolean supports(Class<?> type) {
    return shape(type).components() != null;
  }

  /** {@code value} (a supported record) as indented JSON. */
  static byte[] write(Record value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      writeValue(g, value, value.getClass());
    }
    return out.toByteArray();
  }

  /** A {@code type} (a supported record) read from {@code in}. */
  static <T> T read(InputStream in, Class<T> type) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      p.nextToken();
      return type.cast(readValue(p, type));
    }
  }

  private static Shape shape(Class<?> type) {
    Shape s = SHAPES.get(type);
    if (s == null) {
      s = inspect(type);
      SHAPES.put(type, s);
    }
    return s;
  }

  private static Shape inspect(Class<?> type) {
    // this package's records, and SplitFrame, which the task records carry (it moved to compute)
    if (!type.isRecord() || !type.getPackageName().equals(RecordCodec.class.getPackageName())
        && type != dev.cellflow.compute.SplitFrame.class) {
      return UNSUPPORTED; // others may carry what data binding reads: annotations, getters
    }
    // until inspected, as for a record that holds itself and for other threads: unsupported
    SHAPES.put(type, UNSUPPORTED);
    RecordComponent[] cs = type.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      if (!plain(cs[i].getGenericType())) {
        return UNSUPPORTED;
      }
      types[i] = cs[i].getType();
    }
    try {
      Constructor<?> c = type.getDeclaredConstructor(types);
      c.setAccessible(true);
      for (RecordComponent rc : cs) {
        rc.getAccessor().setAccessible(true);
      }
      return new Shape(cs, c);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return UNSUPPORTED;
    }
  }

  private static boolean plain(Type t) {
    if (t instanceof Class<?> c) {
      return c == String.class || c == int.class || c == long.class || c == boolean.class
          || c == Integer.class || c == Long.class || c == Boolean.class || c.isEnum()
          || c.isRecord() && supports(c);
    }
    if (t instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      return p.getRawType() == List.class && plain(args[0])
          || p.getRawType() == Map.class && args[0] == String.class && plain(args[1]);
    }
    return false;
  }

  private static void writeValue(JsonGenerator g, Object v, Type t) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Enum<?> e) {
      g.writeString(e.toString()); // as data binding with WRITE_ENUMS_USING_TO_STRING
    } else if (v instanceof List<?> list) {
      Type item = ((ParameterizedType) t).getActualTypeArguments()[0];
      g.writeStartArray();
      for (Object o : list) {
        writeValue(g, o, item);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      Type item = ((ParameterizedType) t).getActualTypeArguments()[1];
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        writeValue(g, e.getValue(), item);
      }
      g.writeEndObject();
    } else {
      g.writeStartObject();
      for (RecordComponent c : shape(v.getClass()).components()) {
        g.writeFieldName(c.getName());
        writeValue(g, get(c, v), c.getGenericType());
      }
      g.writeEndObject();
    }
  }

  private static Object get(RecordComponent c, Object record) throws IOException {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IOException("cannot read " + c.getName() + " of " + record.getClass(), e);
    }
  }

  /** The value at the parser's current token, as a {@code t}. */
  private static Object readValue(JsonParser p, Type t) throws IOException {
    JsonToken tok = p.currentToken();
    if (tok == null) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "no JSON value for a "
          + t.getTypeName());
    }
    Class<?> raw = t instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) t;
    if (tok == JsonToken.VALUE_NULL) {
      return raw == int.class ? (Object) 0 : raw == long.class ? (Object) 0L
          : raw == boolean.class ? (Object) false : null;
    } else if (tok.isStructStart() && raw != List.class && raw != Map.class && !raw.isRecord()) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "expected a " + raw.getSimpleName()
          + ", found " + tok);
    } else if (raw == String.class) {
      return p.getValueAsString();
    } else if (raw == int.class || raw == Integer.class) {
      return p.getValueAsInt();
    } else if (raw == long.class || raw == Long.class) {
      return p.getValueAsLong();
    } else if (raw == boolean.class || raw == Boolean.class) {
      return p.getValueAsBoolean();
    } else if (raw.isEnum()) {
      return constant(p, raw);
    } else if (raw == List.class) {
      expect(p, JsonToken.START_ARRAY, t);
      Type item = ((ParameterizedType) t).getActualTypeArguments()[0];
      List<Object> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        out.add(readValue(p, item));
      }
      return out;
    }
    expect(p, JsonToken.START_OBJECT, t);
    if (raw == Map.class) {
      Type item = ((ParameterizedType) t).getActualTypeArguments()[1];
      Map<String, Object> out = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        out.put(key, readValue(p, item));
      }
      return out;
    }
    return readRecord(p, raw);
  }

  private static Object readRecord(JsonParser p, Class<?> type) throws IOException {
    Shape s = shape(type);
    RecordComponent[] cs = s.components();
    Object[] args = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      Class<?> c = cs[i].getType();
      args[i] = c == int.class ? (Object) 0 : c == long.class ? (Object) 0L
          : c == boolean.class ? (Object) false : null;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      int at = -1;
      for (int i = 0; i < cs.length && at < 0; i++) {
        at = cs[i].getName().equals(name) ? i : -1;
      }
      if (at < 0) {
        p.skipChildren(); // a field a later version added
      } else {
        args[at] = readValue(p, cs[at].getGenericType());
      }
    }
    try {
      return s.constructor().newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IOException("invalid " + type.getSimpleName() + ": " + e.getCause(), e);
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot make a " + type.getSimpleName(), e);
    }
  }

  /** The constant of enum {@code type} whose {@code toString()} is the parser's text. */
  private static Object constant(JsonParser p, Class<?> type) throws IOException {
    String text = p.getValueAsString();
    List<String> words = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      if (c.toString().equals(text)) {
        return c;
      }
      words.add(c.toString());
    }
    throw new com.fasterxml.jackson.core.JsonParseException(p, "'" + text + "' is not a "
        + type.getSimpleName() + " (" + String.join(", ", words) + ")");
  }

  private static void expect(JsonParser p, JsonToken want, Type t) throws IOException {
    if (p.currentToken() != want) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "expected " + want + " for a "
          + t.getTypeName() + ", found " + p.currentToken());
    }
  }
}
