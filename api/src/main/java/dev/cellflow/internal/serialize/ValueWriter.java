package dev.cellflow.internal.serialize;

import dev.cellflow.serialize.ArtifactSerializer;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one value in {@link ValueSerializer}'s tagged form. A class (of a record, an enum, an
 * array's elements) is written by name once per artifact, then by number; a record class with
 * its component names, so that reading it back after the class changed says what changed.
 */
final class ValueWriter {
  private final DataOutputStream d;
  /** Numbers of the classes written so far; a record's class apart, since it has names. */
  private final Map<Class<?>, Integer> classes = new HashMap<>();
  private final Map<Class<?>, Integer> records = new HashMap<>();

  ValueWriter(DataOutputStream d) {
    this.d = d;
  }

  void put(Object v) throws IOException {
    if (v == null) {
      d.writeByte(ValueSerializer.NULL);
    } else if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      d.writeByte(ValueSerializer.STRING);
      d.writeInt(b.length);
      d.write(b);
    } else if (v instanceof Integer i) {
      d.writeByte(ValueSerializer.INT);
      d.writeInt(i);
    } else if (v instanceof Long l) {
      d.writeByte(ValueSerializer.LONG);
      d.writeLong(l);
    } else if (v instanceof Double x) {
      d.writeByte(ValueSerializer.DOUBLE);
      d.writeDouble(x);
    } else if (v instanceof Float x) {
      d.writeByte(ValueSerializer.FLOAT);
      d.writeFloat(x);
    } else if (v instanceof Short x) {
      d.writeByte(ValueSerializer.SHORT);
      d.writeShort(x);
    } else if (v instanceof Byte x) {
      d.writeByte(ValueSerializer.BYTE);
      d.writeByte(x);
    } else if (v instanceof Boolean x) {
      d.writeByte(ValueSerializer.BOOL);
      d.writeBoolean(x);
    } else if (v instanceof Character x) {
      d.writeByte(ValueSerializer.CHAR);
      d.writeChar(x);
    } else {
      putStructured(v);
    }
  }

  private void putStructured(Object v) throws IOException {
    Class<?> c = v.getClass();
    if (v instanceof Enum<?> e) {
      d.writeByte(ValueSerializer.ENUM);
      putClass(e.getDeclaringClass(), false);
      d.writeUTF(e.name());
    } else if (c.isRecord()) {
      d.writeByte(ValueSerializer.RECORD);
      putClass(c, true);
      for (Object x : Records.components(v)) {
        putComponent(x);
      }
    } else if (v instanceof Optional<?> o) {
      d.writeByte(ValueSerializer.OPTIONAL);
      d.writeBoolean(o.isPresent());
      if (o.isPresent()) {
        put(o.get());
      }
    } else if (c.isArray() && c.getComponentType().isPrimitive()) {
      putPrimitives(v);
    } else if (c.isArray()) {
      Object[] a = (Object[]) v;
      d.writeByte(ValueSerializer.ARRAY);
      putClass(c.getComponentType(), false);
      d.writeInt(a.length);
      for (Object x : a) {
        put(x);
      }
    } else if (v instanceof Map<?, ?> m) {
      d.writeByte(ValueSerializer.MAP);
      d.writeByte(ValueSerializer.kind(c, ValueSerializer.MAPS));
      d.writeInt(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        put(e.getKey());
        put(e.getValue());
      }
    } else {
      Collection<?> col = (Collection<?>) v;
      boolean list = col instanceof List;
      d.writeByte(list ? ValueSerializer.LIST : ValueSerializer.SET);
      d.writeByte(ValueSerializer.kind(c, list ? ValueSerializer.LISTS : ValueSerializer.SETS));
      d.writeInt(col.size());
      for (Object x : col) {
        put(x);
      }
    }
  }

  /** A record component: inline when this form takes it, else by the serializer that does. */
  private void putComponent(Object x) throws IOException {
    ArtifactSerializer s = ValueSerializer.takes(x, 0) ? null
        : Serializers.forValue(x);
    if (s == null) {
      put(x);
      return;
    }
    d.writeByte(ValueSerializer.OTHER);
    d.writeUTF(s.id());
    try (OutputStream frame = Framed.out(d)) {
      s.write(x, frame);
    }
  }

  private void putClass(Class<?> c, boolean record) throws IOException {
    Map<Class<?>, Integer> table = record ? records : classes;
    Integer n = table.get(c);
    if (n != null) {
      d.writeInt(n);
      return;
    }
    int next = classes.size() + records.size();
    d.writeInt(next);
    table.put(c, next);
    d.writeUTF(c.getName());
    if (record) {
      String[] names = Records.names(c);
      d.writeShort(names.length);
      for (String name : names) {
        d.writeUTF(name);
      }
    }
  }

  /** An array of primitives inside another value (a lone one is {@code prim}'s, raw). */
  private void putPrimitives(Object a) throws IOException {
    int n = Array.getLength(a);
    d.writeByte(ValueSerializer.PRIM);
    d.writeChar(a.getClass().getName().charAt(1)); // [D, [I, ...
    d.writeInt(n);
    if (a instanceof double[] x) {
      for (double e : x) {
        d.writeDouble(e);
      }
    } else if (a instanceof int[] x) {
      for (int e : x) {
        d.writeInt(e);
      }
    } else if (a instanceof long[] x) {
      for (long e : x) {
        d.writeLong(e);
      }
    } else if (a instanceof float[] x) {
      for (float e : x) {
        d.writeFloat(e);
      }
    } else if (a instanceof byte[] x) {
      d.write(x);
    } else if (a instanceof short[] x) {
      for (short e : x) {
        d.writeShort(e);
      }
    } else if (a instanceof char[] x) {
      for (char e : x) {
        d.writeChar(e);
      }
    } else {
      for (boolean e : (boolean[]) a) {
        d.writeBoolean(e);
      }
    }
  }
}
