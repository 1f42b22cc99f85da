package dev.cellflow.kernel.session;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session's own types a value is made of, by the names they were declared with: a value
 * read by a remote cell is rebuilt on the task from its classes, so each must travel, also
 * those its declared type does not name ({@code Object o = new P(1)}, a {@code List<Shape>}
 * holding {@code Circle} records). JShell names a cell's type {@code REPL.$JShell$14$P}; its
 * declaration is {@code P}.
 */
final class SessionTypes {
  /** How many objects a walk looks at at most: enough for any shape, bounded for a huge list. */
  static final int MAX_VISITS = 200_000;

  private static final Pattern WRAPPED = Pattern.compile(
      "REPL\\.\\$JShell\\$\\d+\\$([^$.<>,;\\[\\] ]+)");

  private SessionTypes() {}

  /**
   * The declared names of the session types among the classes of {@code value} and of what it
   * holds: array elements, collection and map entries, optionals and record components (other
   * objects are serialized whole, and their fields' declared types are in their declarations).
   */
  static Set<String> of(Object value) {
    Set<String> out = new LinkedHashSet<>();
    Set<Class<?>> seen = new LinkedHashSet<>();
    Map<Object, Boolean> visited = new IdentityHashMap<>();
    Deque<Object> todo = new ArrayDeque<>();
    if (value != null) {
      todo.add(value);
    }
    while (!todo.isEmpty() && visited.size() < MAX_VISITS) {
      Object v = todo.poll();
      if (visited.put(v, Boolean.TRUE) != null) {
        continue;
      }
      Class<?> c = v.getClass();
      if (seen.add(c)) {
        out.addAll(inTypeName(c.getName()));
      }
      if (c.isArray()) {
        if (!c.getComponentType().isPrimitive()) {
          for (int i = 0, n = Array.getLength(v); i < n; i++) {
            add(todo, Array.get(v, i));
          }
        }
      } else if (v instanceof Collection<?> col) {
        col.forEach(e -> add(todo, e));
      } else if (v instanceof Map<?, ?> m) {
        m.forEach((k, x) -> {
          add(todo, k);
          add(todo, x);
        });
      } else if (v instanceof Optional<?> o) {
        o.ifPresent(e -> add(todo, e));
      } else if (c.isRecord()) {
        for (RecordComponent rc : c.getRecordComponents()) {
          try {
            var accessor = rc.getAccessor();
            accessor.setAccessible(true);
            add(todo, accessor.invoke(v));
          } catch (ReflectiveOperationException | RuntimeException e) {
            // an accessor that fails here fails when the value is stored, with a clear message
          }
        }
      }
    }
    return out;
  }

  private static void add(Deque<Object> todo, Object v) {
    if (v != null && !(v instanceof String) && !(v instanceof Number)
        && !(v instanceof Boolean) && !(v instanceof Character)) {
      todo.add(v);
    }
  }

  /** The declared names of the session types a type name (binary or as written) mentions. */
  static Set<String> inTypeName(String name) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = WRAPPED.matcher(name);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
