import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Starts cellflow's kernel as IJava 1.3.0 holds cellflow after {@code %jars}: loaded by a class
 * loader of its own, with a {@code java.class.path} that does not name its jar. Run as a source
 * file: {@code java LoadKernel.java KERNEL_JAR CONNECTION_FILE}.
 */
public class LoadKernel {
  public static void main(String[] args) throws Exception {
    URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    loader.loadClass("dev.cellflow.kernel.Main").getMethod("main", String[].class)
        .invoke(null, (Object) new String[] {args[1]});
  }
}
