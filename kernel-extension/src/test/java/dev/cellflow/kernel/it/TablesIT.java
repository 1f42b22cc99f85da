package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tablesaw in cellflow's kernel, installed with {@code --classpath} so the kernel itself sees
 * Tablesaw: a table renders as an HTML table, and is stored losslessly as a step's artifact.
 */
class TablesIT {
  @TempDir
  Path dir;

  /** Tablesaw and its dependencies, from this test's class path. */
  private static String tablesaw() {
    List<String> names = List.of("tablesaw", "guava", "failureaccess", "commons-math3",
        "fastutil", "RoaringBitmap", "univocity", "icu4j", "classgraph");
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> names.stream().anyMatch(n -> Path.of(e).getFileName().toString()
            .startsWith(n)))
        .collect(Collectors.joining(File.pathSeparator));
  }

  @Test
  void aTableRendersAsHtmlAndComesBackFromTheStoreAsItWas() throws Exception {
    String cp = tablesaw();
    assertTrue(cp.contains("tablesaw-core"), cp);
    JsonNode out = Jupyter.install(dir, "--classpath", cp).cells(List.of(
        Map.of("code", "import tech.tablesaw.api.*;\nTable t = Table.create(\"scores\").addColumns("
            + "StringColumn.create(\"name\", \"a\", \"b\"), DoubleColumn.create(\"value\", 1.5,"
            + " 2.5));\nt"),
        Map.of("code", "%flow Tables"),
        Map.of("code", "Table u = t.copy();"),
        Map.of("code", "Table back = Flow.named(\"Tables\").latestRun().get().step(\"cell_1\")"
            + ".task().artifact(\"u\").value();\nback.name() + \" \" + back.rowCount() + \" \""
            + " + back.column(\"value\").type() + \" \" + back.getString(1, \"value\")")));
    JsonNode shown = out.get(0);
    assertTrue(shown.get("error").isNull(), shown.toString());
    String html = shown.get("html").asText();
    assertTrue(html.contains("<th style=\"text-align:left\">value (DOUBLE)</th>")
        && html.contains("<td style=\"text-align:left\">2.5</td>"), html);
    assertTrue(shown.get("result").asText().startsWith("scores: 2 rows x 2 columns"),
        shown.toString());
    assertTrue(out.get(3).get("error").isNull(), out.get(3).toString());
    assertEquals("scores 2 DOUBLE 2.5", out.get(3).get("result").asText());
  }
}
