package dev.cellflow.internal.serialize;

import dev.cellflow.serialize.ArtifactSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A serializer for an optional library's types (Tablesaw, EJML). It recognises values by class
 * name and loads the code that uses the library only when such a value appears, so the library
 * need not be on the classpath of a flow that does not use it.
 *
 * <p>The library may live in a class loader below cellflow's own: a notebook adds it with
 * {@code %jars}/{@code %classpath}/{@code %maven} to the session's loader, a task to the loader of
 * the jars its cell shipped. cellflow's loader cannot see it there, so the codec is then defined
 * once more, in a {@link CodecLoader} over the loader the library came from (the value's on
 * write, the reader's on read). Codecs are kept per library class ({@link ClassValue}): a
 * library that failed to load in one loader is tried again in another, never cached as missing.
 */
abstract class LibrarySerializer implements ArtifactSerializer {
  /** Writes and reads the library's values; loaded on first use. Public: see {@link CodecLoader}. */
  public interface Codec {
    void write(Object value, OutputStream out) throws IOException;

    Object read(InputStream in) throws IOException;
  }

  private final ClassValue<Codec> codecs = new ClassValue<>() {
    @Override
    protected Codec computeValue(Class<?> library) {
      ClassLoader own = LibrarySerializer.class.getClassLoader();
      ClassLoader from = library.getClassLoader();
      try {
        // cellflow's loader sees this very library class: the codec is an ordinary class
        ClassLoader where = visible(own, library) ? own : new CodecLoader(from, own, codecClass());
        var c = Class.forName(codecClass(), true, where).getDeclaredConstructor();
        c.setAccessible(true);
        return (Codec) c.newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  /** The class names this serializer takes. */
  abstract boolean takes(String className);

  /** The codec's class name. */
  abstract String codecClass();

  /** A class of the library that every value it writes comes with, say its table class. */
  abstract String libraryClass();

  /** The library's name, for messages. */
  abstract String libraryName();

  @Override
  public boolean canWrite(Object value) {
    return takes(value.getClass().getName());
  }

  private static boolean visible(ClassLoader loader, Class<?> c) {
    try {
      return Class.forName(c.getName(), false, loader) == c;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The codec for the library as {@code loaders} (the first that has it) see it. */
  private Codec codec(ClassLoader... loaders) throws IOException {
    Throwable why = null;
    for (ClassLoader l : loaders) {
      if (l == null) {
        continue;
      }
      try {
        return codecs.get(Class.forName(libraryClass(), false, l));
      } catch (ClassNotFoundException | LinkageError | IllegalStateException e) {
        why = why == null ? e : why;
      }
    }
    throw new IOException("artifact serializer '" + id() + "' needs " + libraryName() + " ("
        + libraryClass() + ") on the class path: add its jars (%jars/%classpath in a notebook,"
        + " a dependency of the flow's jar): " + why, why);
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    codec(value.getClass().getClassLoader()).write(value, out);
  }

  @Override
  public Object read(InputStream in, ClassLoader loader) throws IOException {
    return codec(loader, Thread.currentThread().getContextClassLoader(),
        LibrarySerializer.class.getClassLoader()).read(in);
  }
}
