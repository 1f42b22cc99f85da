package dev.cellflow.internal.serialize;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Records taken apart into their components and rebuilt through their canonical constructor,
 * for {@link RecordSerializer} and {@link ValueSerializer}: no {@code Serializable} needed, and a
 * record is only ever made the way its own code makes one.
 */
final class Records {
  private Records() {}

  /** The component values of {@code record}. */
  static Object[] components(Object record) {
    RecordComponent[] rcs = record.getClass().getRecordComponents();
    Object[] out = new Object[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      try {
        rcs[i].getAccessor().setAccessible(true);
        out[i] = rcs[i].getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read record component " + rcs[i].getName(), e);
      }
    }
    return out;
  }

  /** The component names of a record class. */
  static String[] names(Class<?> cls) {
    return Arrays.stream(cls.getRecordComponents()).map(RecordComponent::getName)
        .toArray(String[]::new);
  }

  /**
   * A record class as it is now, checked against its stored form: its name passed the {@link
   * AllowList}, its components are those stored ({@code stored} names; null when only their
   * count {@code n} was stored).
   */
  record Shape(Class<?> cls, Constructor<?> ctor, String[] names) {
    static Shape of(String name, int n, String[] stored, ClassLoader loader) throws IOException {
      if (!AllowList.allowed(name)) {
        throw new IOException("a stored artifact holds a record of " + name + ", which cellflow"
            + " does not rebuild: it is not on the allow-list (JDK value types, cellflow, the"
            + " flow or notebook being run or named in code); " + AllowList.advice(name));
      }
      Class<?> cls = load(name, loader);
      RecordComponent[] rcs = cls.getRecordComponents();
      String[] now = rcs == null ? null : Records.names(cls);
      if (now == null || now.length != n || stored != null && !Arrays.equals(stored, now)) {
        throw new IOException("record " + name + " has changed since the artifact was written:"
            + " it was stored with " + (stored == null ? n + " components"
                : "components (" + String.join(", ", stored) + ")") + ", the class now has "
            + (now == null ? "none (it is not a record)" : "(" + String.join(", ", now) + ")")
            + "; run the steps that make it again with the class as it is now");
      }
      try {
        Constructor<?> ctor = cls.getDeclaredConstructor(
            Arrays.stream(rcs).map(RecordComponent::getType).toArray(Class<?>[]::new));
        ctor.setAccessible(true);
        return new Shape(cls, ctor, now);
      } catch (ReflectiveOperationException e) {
        throw new IOException("cannot rebuild record " + name + ": " + e, e);
      }
    }

    /** A record of this class holding {@code args}. */
    Object build(Object[] args) throws IOException {
      try {
        return ctor.newInstance(args);
      } catch (IllegalArgumentException e) {
        Class<?>[] types = ctor.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
          Class<?> t = types[i].isPrimitive() ? boxed(types[i]) : types[i];
          if (args[i] == null ? types[i].isPrimitive() : !t.isInstance(args[i])) {
            throw new IOException("record " + cls.getName() + " has changed since the artifact"
                + " was written: its component '" + names[i] + "' was stored as "
                + (args[i] == null ? "null" : args[i].getClass().getName()) + ", the class"
                + " now declares " + types[i].getName() + "; run the steps that make it again",
                e);
          }
        }
        throw new IOException("cannot rebuild record " + cls.getName() + ": " + e, e);
      } catch (InvocationTargetException e) {
        throw new IOException("record " + cls.getName() + "'s constructor refused the stored"
            + " values: " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IOException("cannot rebuild record " + cls.getName() + ": " + e, e);
      }
    }
  }

  /**
   * {@code name} through {@code loader}: loadClass, not Class.forName, since a loader may answer
   * with a class of another name (a notebook's record from an earlier session, see {@code
   * JShellSession.typeLoader}).
   */
  static Class<?> load(String name, ClassLoader loader) throws IOException {
    try {
      return loader == null ? Class.forName(name) : loader.loadClass(name);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new IOException("class " + name + " of a stored artifact is not on the classpath",
          e);
    }
  }

  private static Class<?> boxed(Class<?> p) {
    return java.lang.invoke.MethodType.methodType(p).wrap().returnType();
  }
}
