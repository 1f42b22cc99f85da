package dev.cellflow.serialize;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The fallback: Java serialization, for any {@link Serializable} value. Reading goes through an
 * {@link ObjectInputFilter} allow-list — JDK value types, cellflow's own types, the packages of
 * the flows this process runs or reads, and what {@code CELLFLOW_SERIALIZATION_ALLOW} adds
 * (comma-separated package prefixes) — so a tampered datastore cannot run a gadget chain.
 */
public final class JavaSerializer implements ArtifactSerializer {
  private static final List<String> JDK = List.of("java.lang.", "java.util.", "java.time.",
      "java.math.", "java.net.URI", "java.io.File", "dev.cellflow.");
  // java.lang.reflect and java.lang.invoke are part of known chains; no value needs them
  private static final List<String> DENIED = List.of("java.lang.reflect.", "java.lang.invoke.",
      "java.util.logging.", "java.lang.ProcessBuilder", "java.lang.Runtime");
  private static final Set<String> ALLOWED = new CopyOnWriteArraySet<>();

  static {
    // CELLFLOW_SERIALIZATION_ALLOW, or "serializationAllow" in the config file
    String extra = dev.cellflow.config.Config.load().get("serializationAllow", null);
    if (extra != null) {
      for (String p : extra.split(",")) {
        if (!p.isBlank()) {
          ALLOWED.add(p.trim());
        }
      }
    }
  }

  /** Allows the classes under {@code packagePrefix} (a flow's package) to be read back. */
  public static void allow(String packagePrefix) {
    ALLOWED.add(packagePrefix.isEmpty() ? "" : packagePrefix + ".");
  }

  @Override
  public String id() {
    return "java";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public boolean canWrite(Object value) {
    return value instanceof Serializable;
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    ObjectOutputStream oos = new ObjectOutputStream(out);
    oos.writeObject(value);
    oos.flush();
  }

  @Override
  public Object read(InputStream in, ClassLoader loader) throws IOException {
    String[] rejected = new String[1];
    try (ObjectInputStream ois = new ObjectInputStream(in) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc)
          throws IOException, ClassNotFoundException {
        // the flow's classes live in the flow's loader, which the default lookup may not see
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc);
        }
      }
    }) {
      ois.setObjectInputFilter(info -> {
        ObjectInputFilter.Status s = check(info);
        if (s == ObjectInputFilter.Status.REJECTED) {
          rejected[0] = info.serialClass().getName();
        }
        return s;
      });
      return ois.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException("class " + e.getMessage() + " of a stored artifact is not on the"
          + " classpath", e);
    } catch (InvalidClassException e) {
      throw new IOException("a stored artifact holds " + rejected[0] + ", which cellflow does"
          + " not deserialize: it is not on the allow-list (JDK value types, cellflow, the flow's"
          + " package). If you trust it, add its package to CELLFLOW_SERIALIZATION_ALLOW", e);
    }
  }

  /** Whether the allow-list accepts the class {@code name}. */
  static boolean allowed(String name) {
    for (String d : DENIED) {
      if (name.startsWith(d)) {
        return false;
      }
    }
    for (String a : JDK) {
      if (name.startsWith(a)) {
        return true;
      }
    }
    for (String a : ALLOWED) {
      if (name.startsWith(a)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
    Class<?> c = info.serialClass();
    if (c == null) {
      return ObjectInputFilter.Status.UNDECIDED;
    }
    while (c.isArray()) {
      c = c.getComponentType();
    }
    if (c.isPrimitive()) {
      return ObjectInputFilter.Status.ALLOWED;
    }
    return allowed(c.getName()) ? ObjectInputFilter.Status.ALLOWED
        : ObjectInputFilter.Status.REJECTED;
  }
}
