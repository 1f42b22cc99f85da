package dev.cellflow.serialize;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Strings, boxed numbers, booleans, characters, and the JDK's lists, sets and maps of them (to any
 * depth), in a compact tagged form: no class descriptors, no reflection, nothing to filter. The
 * collection classes come back as they were (an immutable {@code List.of} comes back unmodifiable).
 */
public final class ValueSerializer implements ArtifactSerializer {
  private static final int NULL = 0, STRING = 1, INT = 2, LONG = 3, DOUBLE = 4, FLOAT = 5,
      SHORT = 6, BYTE = 7, BOOL = 8, CHAR = 9, LIST = 10, SET = 11, MAP = 12;
  private static final List<Class<?>> LISTS = List.of(ArrayList.class, LinkedList.class,
      List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).getClass());
  private static final List<Class<?>> SETS = List.of(HashSet.class, LinkedHashSet.class,
      TreeSet.class, Set.of().getClass(), Set.of(1).getClass(), Set.of(1, 2, 3).getClass());
  private static final List<Class<?>> MAPS = List.of(HashMap.class, LinkedHashMap.class,
      TreeMap.class, Map.of().getClass(), Map.of(1, 1).getClass(), Map.of(1, 1, 2, 2).getClass());

  @Override
  public String id() {
    return "value";
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public boolean canWrite(Object v) {
    if (v == null || v instanceof String || v instanceof Integer || v instanceof Long
        || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte
        || v instanceof Boolean || v instanceof Character) {
      return true;
    }
    if (v instanceof TreeSet<?> t && t.comparator() != null
        || v instanceof TreeMap<?, ?> m && m.comparator() != null) {
      return false; // a comparator is code: Java serialization keeps it
    }
    if (LISTS.contains(v.getClass()) || SETS.contains(v.getClass())) {
      return ((Collection<?>) v).stream().allMatch(this::canWrite);
    }
    if (MAPS.contains(v.getClass())) {
      return ((Map<?, ?>) v).entrySet().stream()
          .allMatch(e -> canWrite(e.getKey()) && canWrite(e.getValue()));
    }
    return false;
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    // buffered: the tagged form is written a few bytes at a time
    DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 13));
    put(value, d);
    d.flush();
  }

  private void put(Object v, DataOutputStream d) throws IOException {
    if (v == null) {
      d.writeByte(NULL);
    } else if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      d.writeByte(STRING);
      d.writeInt(b.length);
      d.write(b);
    } else if (v instanceof Integer i) {
      d.writeByte(INT);
      d.writeInt(i);
    } else if (v instanceof Long l) {
      d.writeByte(LONG);
      d.writeLong(l);
    } else if (v instanceof Double x) {
      d.writeByte(DOUBLE);
      d.writeDouble(x);
    } else if (v instanceof Float x) {
      d.writeByte(FLOAT);
      d.writeFloat(x);
    } else if (v instanceof Short x) {
      d.writeByte(SHORT);
      d.writeShort(x);
    } else if (v instanceof Byte x) {
      d.writeByte(BYTE);
      d.writeByte(x);
    } else if (v instanceof Boolean x) {
      d.writeByte(BOOL);
      d.writeBoolean(x);
    } else if (v instanceof Character x) {
      d.writeByte(CHAR);
      d.writeChar(x);
    } else if (v instanceof Map<?, ?> m) {
      d.writeByte(MAP);
      d.writeByte(MAPS.indexOf(m.getClass()));
      d.writeInt(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        put(e.getKey(), d);
        put(e.getValue(), d);
      }
    } else {
      Collection<?> c = (Collection<?>) v;
      boolean list = LISTS.contains(c.getClass());
      d.writeByte(list ? LIST : SET);
      d.writeByte((list ? LISTS : SETS).indexOf(c.getClass()));
      d.writeInt(c.size());
      for (Object e : c) {
        put(e, d);
      }
    }
  }

  @Override
  public Object read(InputStream in, ClassLoader loader) throws IOException {
    return get(new DataInputStream(in));
  }

  private Object get(DataInputStream d) throws IOException {
    int tag = d.readByte();
    switch (tag) {
      case NULL: return null;
      case STRING: return new String(d.readNBytes(d.readInt()), StandardCharsets.UTF_8);
      case INT: return d.readInt();
      case LONG: return d.readLong();
      case DOUBLE: return d.readDouble();
      case FLOAT: return d.readFloat();
      case SHORT: return d.readShort();
      case BYTE: return d.readByte();
      case BOOL: return d.readBoolean();
      case CHAR: return d.readChar();
      case LIST: return list(d.readByte(), d);
      case SET: return set(d.readByte(), d);
      case MAP: return map(d.readByte(), d);
      default: throw new IOException("not a value artifact (tag " + tag + ")");
    }
  }

  private List<Object> list(int kind, DataInputStream d) throws IOException {
    int n = d.readInt();
    List<Object> out = kind == 1 ? new LinkedList<>() : new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(get(d));
    }
    return kind >= 2 ? Collections.unmodifiableList(out) : out;
  }

  private Set<Object> set(int kind, DataInputStream d) throws IOException {
    int n = d.readInt();
    Set<Object> out = kind == 0 ? new HashSet<>() : kind == 2 ? new TreeSet<>()
        : new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      out.add(get(d));
    }
    return kind >= 3 ? Collections.unmodifiableSet(out) : out;
  }

  private Map<Object, Object> map(int kind, DataInputStream d) throws IOException {
    int n = d.readInt();
    Map<Object, Object> out = kind == 0 ? new HashMap<>() : kind == 2 ? new TreeMap<>()
        : new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(get(d), get(d));
    }
    return kind >= 3 ? Collections.unmodifiableMap(out) : out;
  }
}
