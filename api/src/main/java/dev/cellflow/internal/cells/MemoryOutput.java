package dev.cellflow.internal.cells;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;

/**
 * A file manager that reads through {@code files} and keeps the class files javac writes in a
 * map, by binary name, instead of on disk.
 */
public final class MemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {
  private final Map<String, byte[]> classes;

  /** Reads through {@code files}; each class file written goes into {@code classes}. */
  public MemoryOutput(JavaFileManager files, Map<String, byte[]> classes) {
    super(files);
    this.classes = classes;
  }

  @Override
  public JavaFileObject getJavaFileForOutput(Location location, String className,
      JavaFileObject.Kind kind, FileObject sibling) {
    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/')
        .replace("$", "%24") + kind.extension), kind) {
      @Override
      public OutputStream openOutputStream() {
        return new ByteArrayOutputStream() {
          @Override
          public void close() {
            classes.put(className, toByteArray());
          }
        };
      }
    };
  }
}
