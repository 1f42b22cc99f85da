package dev.cellflow.internal.cells;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * javac's file manager, kept from one compile to the next (remote cells, one after another): a
 * new one opens and indexes every jar of the class path again (the kernel's own is tens of
 * megabytes), which was most of the time of compiling a small cell. It is replaced when the class path changes, or a
 * jar on it changes on disk (javac would go on reading its old index).
 */
public final class KeptFileManager {
  private static StandardJavaFileManager kept;
  private static List<String> keptKey;

  private KeptFileManager() {}

  /**
   * The file manager whose class path is {@code classpath}; callers hold this class's lock while
   * they use it, and must not close it.
   */
  public static StandardJavaFileManager get(JavaCompiler javac, String classpath) {
    List<String> key = new ArrayList<>();
    List<File> files = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        File f = new File(entry);
        files.add(f);
        key.add(entry + "@" + f.lastModified() + ":" + f.length());
      }
    }
    try {
      if (!key.equals(keptKey)) {
        if (kept != null) {
          kept.close();
        }
        kept = javac.getStandardFileManager(null, Locale.ROOT, null);
        kept.setLocation(StandardLocation.CLASS_PATH, files);
        keptKey = key;
      }
      return kept;
    } catch (IOException e) {
      throw new UncheckedIOException("javac's file manager: " + e.getMessage(), e);
    }
  }
}
