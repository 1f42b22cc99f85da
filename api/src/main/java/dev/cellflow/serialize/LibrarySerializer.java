package dev.cellflow.serialize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A serializer for an optional library's types (Tablesaw, EJML). It recognises values by class
 * name and loads the code that uses the library only when such a value appears, so the library
 * need not be on the classpath of a flow that does not use it.
 */
abstract class LibrarySerializer implements ArtifactSerializer {
  /** Writes and reads the library's values; loaded on first use. */
  interface Codec {
    void write(Object value, OutputStream out) throws IOException;

    Object read(InputStream in) throws IOException;
  }

  private volatile Codec codec;

  /** The class names this serializer takes. */
  abstract boolean takes(String className);

  /** The codec's class name. */
  abstract String codecClass();

  @Override
  public boolean canWrite(Object value) {
    return takes(value.getClass().getName());
  }

  private Codec codec() throws IOException {
    if (codec == null) {
      try {
        codec = (Codec) Class.forName(codecClass()).getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IOException("artifact serializer '" + id() + "' needs its library on the"
            + " classpath: " + e, e);
      }
    }
    return codec;
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    codec().write(value, out);
  }

  @Override
  public Object read(InputStream in, ClassLoader loader) throws IOException {
    return codec().read(in);
  }
}
