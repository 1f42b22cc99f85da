package dev.cellflow.internal.serialize;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines a library codec (and its nested classes) again, for a library that only a loader below
 * cellflow's own can see: the codec's own bytes come from cellflow's loader, cellflow's other
 * classes too (so the codec is still a {@link LibrarySerializer.Codec}), and every other class
 * from the library's loader. The codec then lives in a package of its own at run time, so it
 * reaches cellflow only through public types.
 */
final class CodecLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final ClassLoader cellflow;
  private final String codec;

  CodecLoader(ClassLoader library, ClassLoader cellflow, String codec) {
    super("cellflow-codec", library);
    this.cellflow = cellflow;
    this.codec = codec;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.equals(codec) && !name.startsWith(codec + "$")) {
      return name.startsWith("dev.cellflow.") ? Class.forName(name, false, cellflow)
          : super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        try (InputStream in = cellflow.getResourceAsStream(name.replace('.', '/') + ".class")) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          byte[] b = in.readAllBytes();
          c = defineClass(name, b, 0, b.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
      return c;
    }
  }
}
