package dev.cellflow.serialize;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;

/** The fallback: Java serialization, for any {@link Serializable} value. */
public final class JavaSerializer implements ArtifactSerializer {
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
      return ois.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException("class " + e.getMessage() + " of a stored artifact is not on the"
          + " classpath", e);
    }
  }
}
