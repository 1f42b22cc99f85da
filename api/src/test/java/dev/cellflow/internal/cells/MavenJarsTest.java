package dev.cellflow.internal.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code %maven} where no resolver is on the class path (api's tests, as a plain flow's jar):
 * bad coordinates are named first, then one line says where {@code %maven} works.
 */
class MavenJarsTest {
  private static String error(String... args) {
    return assertThrows(MagicException.class, () -> MavenJars.resolve("%maven",
        List.of(args))).getMessage();
  }

  @Test
  void withoutAResolverOneLineSaysWhereMavenWorks() {
    assertEquals("%maven demo:greeter:1.0: no Maven resolver here (cellflow-maven is not on the"
        + " class path); use %maven in cellflow's kernel or bin/cellflow export, or add the jars"
        + " with %classpath PATH", error("demo:greeter:1.0"));
  }

  @Test
  void coordinatesAreCheckedBeforeAResolverIsLookedFor() {
    assertEquals("%maven greeter-1.0: not a Maven coordinate; write group:artifact:version, as"
        + " in %maven tech.tablesaw:tablesaw-core:0.44.4", error("demo:a:1", "greeter-1.0"));
    assertEquals("%maven: give the artifact, as in %maven tech.tablesaw:tablesaw-core:0.44.4",
        error());
  }
}
