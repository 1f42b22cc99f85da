package dev.cellflow.internal.cells;

import java.net.URI;
import javax.tools.SimpleJavaFileObject;

/** Java source held in memory, as javac reads it, for one class named by its binary name. */
public class MemorySource extends SimpleJavaFileObject {
  private final String className;
  private final String code;

  /** The source {@code code} of class {@code className} (binary name: {@code a.b.C$D}). */
  public MemorySource(String className, String code) {
    super(URI.create("string:///" + className.replace('.', '/').replace("$", "%24")
        + Kind.SOURCE.extension), Kind.SOURCE);
    this.className = className;
    this.code = code;
  }

  /** The class's binary name. */
  public String className() {
    return className;
  }

  /** The source text. */
  public String code() {
    return code;
  }

  @Override
  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
    return code;
  }
}
