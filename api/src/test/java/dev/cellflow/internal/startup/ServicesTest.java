package dev.cellflow.internal.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cellflow.serialize.ArtifactSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesTest {
  private static List<String> names(Iterable<?> providers) {
    List<String> out = new java.util.ArrayList<>();
    providers.forEach(p -> out.add(p.getClass().getName()));
    return out;
  }

  @Test
  void theProvidersAreServiceLoadersInItsOrder() {
    ClassLoader loader = ServicesTest.class.getClassLoader();
    List<String> expected = names(ServiceLoader.load(ArtifactSerializer.class, loader));
    assertFalse(expected.isEmpty());
    assertEquals(expected, names(Services.load(ArtifactSerializer.class, loader)));
  }

  @Test
  void cachedProvidersAreMadeFromTheirNames(@TempDir Path dir) throws Exception {
    ClassLoader loader = ServicesTest.class.getClassLoader();
    List<String> expected = names(ServiceLoader.load(ArtifactSerializer.class, loader));
    Path file = dir.resolve("services.txt");
    Files.write(file, expected);
    assertEquals(expected, names(Services.cached(file, ArtifactSerializer.class, loader)));
  }

  @Test
  void aCacheThatCannotBeMadeIsLeftToServiceLoader(@TempDir Path dir) throws Exception {
    ClassLoader loader = ServicesTest.class.getClassLoader();
    Path file = dir.resolve("services.txt");
    assertNull(Services.cached(file, ArtifactSerializer.class, loader)); // none yet
    Files.writeString(file, "no.such.Provider\n");
    assertNull(Services.cached(file, ArtifactSerializer.class, loader));
    Files.writeString(file, "java.lang.String\n"); // not a provider of the service
    assertNull(Services.cached(file, ArtifactSerializer.class, loader));
  }

  @Test
  void onlyTheClassPathsOwnLoaderIsCached() {
    ClassLoader other = new java.net.URLClassLoader(new java.net.URL[0],
        ServicesTest.class.getClassLoader());
    assertNull(Services.file(ArtifactSerializer.class, other));
  }
}
