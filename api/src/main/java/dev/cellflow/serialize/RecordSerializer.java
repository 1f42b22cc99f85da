package dev.cellflow.serialize;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/**
 * Java records, Serializable or not: the record's class, then each component with the serializer
 * that takes it (so a record holding a {@code double[][]} stores it raw). Reading builds the
 * record through its canonical constructor, for classes the Java-serialization allow-list
 * accepts.
 */
public final class RecordSerializer implements ArtifactSerializer {
  @Override
  public String id() {
    return "record";
  }

  @Override
  public int priority() {
    return 60;
  }

  @Override
  public boolean canWrite(Object value) {
    if (!value.getClass().isRecord()) {
      return false;
    }
    for (RecordComponent rc : value.getClass().getRecordComponents()) {
      Object v = component(rc, value);
      if (v != null && Serializers.forValue(v) == null) {
        return false;
      }
    }
    return true;
  }

  private static Object component(RecordComponent rc, Object record) {
    try {
      rc.getAccessor().setAccessible(true);
      return rc.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read record component " + rc.getName(), e);
    }
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    RecordComponent[] rcs = value.getClass().getRecordComponents();
    d.writeUTF(value.getClass().getName());
    d.writeInt(rcs.length);
    for (RecordComponent rc : rcs) {
      Object v = component(rc, value);
      ArtifactSerializer s = v == null ? null : Serializers.forValue(v);
      d.writeUTF(s == null ? "" : s.id());
      if (s != null) {
        try (OutputStream frame = Framed.out(d)) {
          s.write(v, frame);
        }
      }
    }
    d.flush();
  }

  @Override
  public Object read(InputStream in, ClassLoader loader) throws IOException {
    DataInputStream d = new DataInputStream(in);
    String name = d.readUTF();
    if (!JavaSerializer.allowed(name)) {
      throw new IOException("a stored artifact is a record of " + name + ", which cellflow"
          + " does not rebuild: it is not on the allow-list (JDK value types, cellflow, the"
          + " flow's package). If you trust it, add its package to CELLFLOW_SERIALIZATION_ALLOW");
    }
    try {
      // loadClass, not Class.forName: a loader may answer with a class of another name (a
      // notebook's record from an earlier session, see JShellSession.typeLoader)
      Class<?> cls = loader == null ? Class.forName(name) : loader.loadClass(name);
      RecordComponent[] rcs = cls.getRecordComponents();
      int n = d.readInt();
      if (rcs == null || rcs.length != n) {
        throw new IOException("stored record " + name + " has " + n + " components; the class"
            + " on the classpath now has " + (rcs == null ? "none (not a record)" : rcs.length));
      }
      Object[] args = new Object[n];
      Class<?>[] types = new Class<?>[n];
      for (int i = 0; i < n; i++) {
        types[i] = rcs[i].getType();
        String id = d.readUTF();
        if (!id.isEmpty()) {
          try (InputStream frame = Framed.in(d)) {
            args[i] = Serializers.byId(id).read(frame, loader);
          }
        }
      }
      Constructor<?> canonical = cls.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot rebuild record " + name + ": " + e, e);
    }
  }
}
