package dev.cellflow.internal.serialize;

import dev.cellflow.serialize.ArtifactSerializer;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plain data without Java serialization: strings, boxed numbers, booleans, characters, enums,
 * records (Serializable or not), arrays, {@code Optional}s, and the JDK's lists, sets and maps of
 * them, to any depth, in a compact tagged form. A record is rebuilt through its canonical
 * constructor and an enum by its constant's name, for classes the {@link AllowList} accepts; a
 * record component no part of this takes (a Serializable class, a Tablesaw table) is stored by
 * the serializer that takes it. So a notebook's {@code List<P>} of a plain {@code record P} is
 * stored as it is in the kernel, in a task and in an exported jar. The JDK's collection classes
 * come back as they were (an immutable {@code List.of} comes back unmodifiable; the JDK's
 * private ones, such as {@code Arrays.asList}, as {@code ArrayList}, {@code LinkedHashSet} or
 * {@code LinkedHashMap}).
 */
public final class ValueSerializer implements ArtifactSerializer {
  static final int NULL = 0, STRING = 1, INT = 2, LONG = 3, DOUBLE = 4, FLOAT = 5, SHORT = 6,
      BYTE = 7, BOOL = 8, CHAR = 9, LIST = 10, SET = 11, MAP = 12, ENUM = 13, RECORD = 14,
      ARRAY = 15, PRIM = 16, OPTIONAL = 17, OTHER = 18;
  /** The kind of a collection class the JDK keeps private: rebuilt as a modifiable one. */
  static final int PRIVATE_KIND = 127;
  static final List<Class<?>> LISTS = List.of(ArrayList.class, LinkedList.class,
      List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).getClass());
  static final List<Class<?>> SETS = List.of(HashSet.class, LinkedHashSet.class,
      TreeSet.class, Set.of().getClass(), Set.of(1).getClass(), Set.of(1, 2, 3).getClass());
  static final List<Class<?>> MAPS = List.of(HashMap.class, LinkedHashMap.class,
      TreeMap.class, Map.of().getClass(), Map.of(1, 1).getClass(), Map.of(1, 1, 2, 2).getClass());
  /** Deeper than this is left to Java serialization (a list that holds itself). */
  private static final int MAX_DEPTH = 500;

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
    return takes(v, 0);
  }

  static boolean takes(Object v, int depth) {
    if (v == null || scalar(v) || v instanceof Enum<?>) {
      return true;
    }
    if (depth > MAX_DEPTH) {
      return false;
    }
    Class<?> c = v.getClass();
    if (v instanceof Optional<?> o) {
      return o.isEmpty() || takes(o.get(), depth + 1);
    }
    if (c.isRecord()) {
      for (Object x : Records.components(v)) {
        if (!takes(x, depth + 1) && Serializers.forValue(x) == null) {
          return false;
        }
      }
      return true;
    }
    if (c.isArray()) {
      return c.getComponentType().isPrimitive()
          || all(java.util.Arrays.asList((Object[]) v), depth);
    }
    if (v instanceof TreeSet<?> t && t.comparator() != null
        || v instanceof TreeMap<?, ?> m && m.comparator() != null) {
      return false; // a comparator is code: Java serialization keeps it
    }
    if ((v instanceof List<?> || v instanceof Set<?>)
        && kind(c, v instanceof List ? LISTS : SETS) >= 0) {
      return all((Collection<?>) v, depth);
    }
    if (v instanceof Map<?, ?> m && kind(c, MAPS) >= 0) {
      return all(m.keySet(), depth) && all(m.values(), depth);
    }
    return false;
  }

  private static boolean all(Collection<?> c, int depth) {
    for (Object x : c) {
      if (!takes(x, depth + 1)) {
        return false;
      }
    }
    return true;
  }

  static boolean scalar(Object v) {
    return v instanceof String || v instanceof Integer || v instanceof Long
        || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte
        || v instanceof Boolean || v instanceof Character;
  }

  /**
   * The index of {@code c} in {@code known}, {@link #PRIVATE_KIND} for a list, set or map class
   * that the JDK keeps private ({@code Arrays.asList}, {@code Collections.unmodifiableList}: no
   * variable can be declared of them), else -1.
   */
  static int kind(Class<?> c, List<Class<?>> known) {
    int i = known.indexOf(c);
    if (i >= 0) {
      return i;
    }
    boolean jdkPrivate = c.getName().startsWith("java.util.")
        && !Modifier.isPublic(c.getModifiers()) && c.getClassLoader() == null;
    boolean sorted = java.util.SortedSet.class.isAssignableFrom(c)
        || java.util.SortedMap.class.isAssignableFrom(c);
    return jdkPrivate && !sorted ? PRIVATE_KIND : -1;
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    // buffered: the tagged form is written a few bytes at a time
    DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 13));
    new ValueWriter(d).put(value);
    d.flush();
  }

  @Override
  public Object read(InputStream in, ClassLoader loader) throws IOException {
    AllowList.configured(); // a bad CELLFLOW_SERIALIZATION_ALLOW says so before any read
    return new ValueReader(new DataInputStream(in), loader).get();
  }

  /** Rebuilds a list of {@code kind} from {@code items}. */
  static List<Object> list(int kind, List<Object> items) {
    List<Object> out = kind == 1 ? new LinkedList<>(items) : items;
    return kind >= 2 && kind != PRIVATE_KIND ? Collections.unmodifiableList(out) : out;
  }

  /** A new set of {@code kind}, to fill, then {@link #frozen}. */
  static Set<Object> set(int kind) {
    return kind == 0 ? new HashSet<>() : kind == 2 ? new TreeSet<>() : new LinkedHashSet<>();
  }

  /** A new map of {@code kind}, to fill, then {@link #frozen}. */
  static Map<Object, Object> map(int kind) {
    return kind == 0 ? new HashMap<>() : kind == 2 ? new TreeMap<>() : new LinkedHashMap<>();
  }

  /** A filled set or map of {@code kind} as it is handed out. */
  static Object frozen(int kind, Object setOrMap) {
    if (kind < 3 || kind == PRIVATE_KIND) {
      return setOrMap;
    }
    return setOrMap instanceof Set<?> s ? Collections.unmodifiableSet(s)
        : Collections.unmodifiableMap((Map<?, ?>) setOrMap);
  }
}
