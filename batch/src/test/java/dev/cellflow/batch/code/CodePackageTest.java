package dev.cellflow.batch.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodePackageTest {
  @TempDir Path dir;

  @Test
  void aFolderZipsToTheSameBytesWhateverItsFilesTimesSoItsHashNamesItsContent()
      throws Exception {
    Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(dir.resolve("a/b/C.class"), "class bytes");
    Files.writeString(dir.resolve("a/D.class"), "more");
    Path first = CodePackage.zip(dir);
    Files.setLastModifiedTime(dir.resolve("a/D.class"), FileTime.fromMillis(123456789));
    Path second = CodePackage.zip(dir);
    assertEquals(CodePackage.sha256(first), CodePackage.sha256(second));
    Files.writeString(dir.resolve("a/D.class"), "changed");
    Path third = CodePackage.zip(dir);
    assertNotEquals(CodePackage.sha256(first), CodePackage.sha256(third));
    for (Path p : new Path[] {first, second, third}) {
      Files.delete(p);
    }
  }
}
