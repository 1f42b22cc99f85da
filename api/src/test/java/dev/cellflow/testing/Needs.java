package dev.cellflow.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place a test may decline to run. A missing tool (moto, a Python venv with Jupyter, a
 * browser, a built jar) skips the test on a developer's machine, saying what to install, but
 * fails it where {@code CI=true}: a CI that cannot run a suite must not be green. Opt-in tests
 * (real AWS) and tests about machines of another size skip everywhere, saying why.
 */
public final class Needs {
  private Needs() {}

  /** Whether this is a CI build: {@code CI=true} (or {@code 1}), as CI services set it. */
  public static boolean inCi(Map<String, String> env) {
    String ci = env.getOrDefault("CI", "");
    return ci.equalsIgnoreCase("true") || ci.equals("1");
  }

  /**
   * Goes on only when {@code present}: else skips, or fails in CI, naming {@code tool} and
   * {@code how} to get it.
   */
  public static void tool(boolean present, String tool, String how) {
    tool(present, tool, how, System.getenv());
  }

  /** {@link #tool(boolean, String, String)} with {@code env} standing for the environment. */
  static void tool(boolean present, String tool, String how, Map<String, String> env) {
    if (present) {
      return;
    }
    String missing = tool + " is missing: " + how;
    if (inCi(env)) {
      Assertions.fail("CI=true and " + missing + " (a CI build may not skip this test)");
    }
    Assumptions.abort("skipped: " + missing + " (with CI=true this fails)");
  }

  /**
   * Goes on only when {@code given}: an opt-in the user gives (credentials, a setting) or a
   * machine this test is about. Skips everywhere else, CI included, saying {@code why}.
   */
  public static void optIn(boolean given, String why) {
    Assumptions.assumeTrue(given, () -> "skipped: " + why);
  }

  /** Whether {@code exe} is an executable file in a folder on the PATH. */
  public static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }
}
