package dev.cellflow.kernel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs the kernelspec: {@code kernels/NAME/kernel.json} and a copy of this jar, under the
 * Jupyter data folder chosen as Jupyter's own {@code kernelspec install} chooses it:
 * {@code --user} (the default), {@code --sys-prefix} (the active Python environment, from
 * {@code VIRTUAL_ENV} or {@code CONDA_PREFIX}), {@code --prefix DIR} ({@code
 * DIR/share/jupyter}), or {@code --path DIR} (a folder on {@code JUPYTER_PATH}, as given).
 * {@code --classpath CP} puts libraries on the kernel's own class path (not only the session's),
 * so cellflow's serializers and displays see them: Tablesaw tables, for one.
 */
final class Kernelspec {
  private Kernelspec() {}

  static int main(List<String> args) throws IOException, URISyntaxException {
    String name = "cellflow";
    String display = "Java (cellflow)";
    Path data = null;
    List<String> javaOpts = new ArrayList<>();
    String classpath = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String next = i + 1 < args.size() ? args.get(i + 1) : null;
      switch (a) {
        case "--user" -> data = userDataDir();
        case "--sys-prefix" -> data = sysPrefix();
        case "--prefix" -> data = Path.of(need(a, next)).resolve("share/jupyter");
        case "--path" -> data = Path.of(need(a, next));
        case "--name" -> name = need(a, next);
        case "--display-name" -> display = need(a, next);
        case "--java-option" -> javaOpts.add(need(a, next));
        case "--classpath" -> classpath = need(a, next);
        case "--help", "-h" -> {
          System.out.println("install [--user | --sys-prefix | --prefix DIR | --path DIR]"
              + " [--name NAME] [--display-name TEXT] [--java-option OPT]..."
              + " [--classpath CP]");
          return 0;
        }
        default -> {
          System.err.println("install: unknown option " + a + "; see install --help");
          return 2;
        }
      }
      if (List.of("--prefix", "--path", "--name", "--display-name", "--java-option",
          "--classpath")
          .contains(a)) {
        i++;
      }
    }
    if (data == null) {
      data = userDataDir();
    }
    Path dir = data.resolve("kernels").resolve(name);
    Files.createDirectories(dir);
    Path self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = dir.resolve("cellflow-kernel.jar");
    if (!self.toAbsolutePath().equals(jar.toAbsolutePath())) {
      Files.copy(self, jar, StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(javaOpts);
    if (classpath == null) {
      argv.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "{connection_file}"));
    } else { // libraries the kernel itself should see (Tablesaw, for display and artifacts)
      argv.addAll(List.of("-cp", jar.toAbsolutePath() + java.io.File.pathSeparator + classpath,
          Main.class.getName(), "{connection_file}"));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("argv", argv);
    spec.put("display_name", display);
    spec.put("language", "java");
    spec.put("interrupt_mode", "message");
    Files.write(dir.resolve("kernel.json"), dev.cellflow.internal.metadata.Json.write(spec));
    System.out.println("installed kernelspec " + name + " in " + dir);
    return 0;
  }

  private static String need(String opt, String value) {
    if (value == null) {
      throw new IllegalArgumentException("install: " + opt + " needs a value");
    }
    return value;
  }

  private static Path userDataDir() {
    String xdg = System.getenv("JUPYTER_DATA_DIR");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg);
    }
    // HOME first, as Jupyter itself does; the JVM's user.home comes from the password file
    String homeEnv = System.getenv("HOME");
    Path home = Path.of(homeEnv != null && !homeEnv.isBlank() ? homeEnv
        : System.getProperty("user.home"));
    if (System.getProperty("os.name").toLowerCase().contains("mac")) {
      return home.resolve("Library/Jupyter");
    }
    String dataHome = System.getenv("XDG_DATA_HOME");
    return (dataHome != null && !dataHome.isBlank() ? Path.of(dataHome)
        : home.resolve(".local/share")).resolve("jupyter");
  }

  private static Path sysPrefix() {
    for (String v : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
      String p = System.getenv(v);
      if (p != null && !p.isBlank()) {
        return Path.of(p, "share", "jupyter");
      }
    }
    throw new IllegalArgumentException("install --sys-prefix: no active Python environment"
        + " (neither VIRTUAL_ENV nor CONDA_PREFIX is set); activate it, or use --prefix DIR");
  }
}
