package dev.cellflow.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.data.Matrices;
import dev.cellflow.internal.datastore.FlowDatastore;
import dev.cellflow.internal.datastore.LocalStorage;
import dev.cellflow.internal.launcher.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A notebook exported to a jar and run with java -jar; a JShell script run and resumed. */
class ExportIT {
  @TempDir Path dir;

  private static final String NOTEBOOK = """
      {"cells": [
       {"cell_type": "code", "metadata": {}, "outputs": [], "source": [
         "%flow NbSum\\n", "int n = 300;"]},
       {"cell_type": "markdown", "metadata": {}, "source": "The heavy part"},
       {"cell_type": "code", "metadata": {}, "outputs": [], "source": [
         "%resources memory=1000\\n", "double[][] m = Matrices.random(n, n, 42);"]},
       {"cell_type": "code", "metadata": {}, "outputs": [], "source": [
         "static double rows(double[][] m, int from, int to) {\\n",
         "  return Matrices.rowSum(m, from, to);\\n", "}"]},
       {"cell_type": "code", "metadata": {}, "outputs": [], "source": [
         "double sum = parallelMap(i -> rows(m, i, Math.min(i + 100, n)), range(0, n, 100))\\n",
         "    .stream().mapToDouble(d -> d).sum();\\n", "int[] parts = {1, 2, 3};"]},
       {"cell_type": "code", "metadata": {}, "outputs": [], "source": [
         "record Total(double value) {}\\n", "var total = new Total(sum);\\n",
         "System.out.printf(\\"The sum is %f%n\\", total.value());\\n",
         "var totals = new ArrayList<>(List.of(total, new Total(1.5)));"]},
       {"cell_type": "code", "metadata": {}, "outputs": [], "source": [
         "System.out.println(totals.size() + \\" totals, the last \\" + totals.get(1).value());"]}
      ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
      """;

  private Process start(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("HOME", dir.toString()); // the launcher's jar cache goes here
    return pb.start();
  }

  private Runs.Result launcher(Map<String, String> env, String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
        Launcher.class.getName()));
    a.addAll(List.of(args));
    return Runs.finish(start(env, a.toArray(String[]::new)));
  }

  private Run latest(String flow) {
    return Flow.in(new LocalStorage(dir.resolve("store")), flow)
        .latestRun().orElseThrow();
  }

  @Test
  void anExportedNotebookRunsFromItsJar() throws Exception {
    Files.writeString(dir.resolve("NbSum.ipynb"), NOTEBOOK);
    Runs.Result export = launcher(Map.of(), "export", "NbSum.ipynb", "-o", "nbsum.jar",
        "--source", "NbSum.java");
    assertEquals(0, export.code(), export.all());
    assertTrue(export.out().contains("Exported flow NbSum to nbsum.jar"), export.out());
    assertTrue(Files.readString(dir.resolve("NbSum.java"))
        .contains("public class NbSum extends dev.cellflow.FlowSpec"));

    Runs.Result run = Runs.finish(start(Map.of(), "-jar", "nbsum.jar", "run", "--datastore-root",
        dir.resolve("store").toString()));
    assertEquals(0, run.code(), run.all());
    double expected = Matrices.sum(Matrices.random(300, 300, 42));
    assertTrue(run.out().contains(String.format("The sum is %f", expected)), run.out());

    Run r = latest("NbSum");
    assertTrue(r.successful());
    // a List of a plain record goes from cell_5 to cell_6 (before: "NbSum$Total is not
    // Serializable"); the steps are named as the kernel names them: the %flow cell's code is
    // cell_1, and a cell of declarations only is a step too
    assertTrue(run.out().contains("2 totals, the last 1.5"), run.out());
    assertEquals(List.of("start", "cell_1", "cell_2", "cell_3", "cell_4", "cell_5", "cell_6",
        "end"),
        r.steps().stream().map(s -> s.name()).toList());
    var end = r.step("end").task();
    assertEquals(300, (int) end.artifact("n").value());
    assertEquals(expected, (double) end.artifact("sum").value(), 1e-6);
    assertArrayEquals(new int[] {1, 2, 3}, end.artifact("parts").value());
    assertTrue(end.artifact("total").type().endsWith("NbSum$Total"), end.artifact("total").type());

    Runs.Result show = Runs.finish(start(Map.of(), "-jar", "nbsum.jar", "show"));
    assertTrue(show.out().matches("(?s).*step cell_2 .*memory 1000 MB.*step cell_3.*"),
        show.out());
  }

  @Test
  void aScriptRunsFailsAndResumesThroughTheLauncher() throws Exception {
    Files.writeString(dir.resolve("count.jsh"), """
        import java.util.stream.*;
        %flow Count
        List<Integer> xs = IntStream.range(0, 10).boxed().toList();
        %resources memory=600
        int total = xs.stream().mapToInt(i -> i).sum();
        if (System.getenv("FAIL_ONCE") != null) throw new IllegalStateException("asked to fail");
        %resources memory=700
        String report = "total=" + total;
        System.out.println(report);
        """);
    String store = dir.resolve("store").toString();
    Runs.Result failed = launcher(Map.of("FAIL_ONCE", "1"), "run", "count.jsh",
        "--max-workers", "2", "--datastore-root", store);
    assertEquals(1, failed.code(), failed.all());
    assertTrue(failed.out().contains("asked to fail"), failed.out());

    Runs.Result resumed = launcher(Map.of(), "resume", "count.jsh", "--datastore-root", store);
    assertEquals(0, resumed.code(), resumed.all());
    assertTrue(resumed.out().contains("total=45"), resumed.out());
    Run r = latest("Count");
    assertEquals(1, r.resumedFrom());
    assertEquals("total=45", r.step("end").task().artifact("report").value());

    Runs.Result logs = launcher(Map.of(), "logs", "count.jsh", r.id() + "/cell_3",
        "--datastore-root", store);
    assertEquals(0, logs.code(), logs.all());
    assertTrue(logs.out().contains("total=45"), logs.out());
  }

  @Test
  void badLauncherInputIsExplained() throws Exception {
    Runs.Result noFile = launcher(Map.of(), "run", "nothing.txt");
    assertEquals(1, noFile.code());
    assertTrue(noFile.out().contains("give a notebook (.ipynb) or a JShell script (.jsh)"),
        noFile.out());
    Runs.Result noOut = launcher(Map.of(), "export", "x.ipynb");
    assertTrue(noOut.out().contains("export: give the notebook and -o FLOW.jar"), noOut.out());
    Files.writeString(dir.resolve("plain.jsh"), "int x = 1;\n");
    Runs.Result notFlow = launcher(Map.of(), "run", "plain.jsh");
    assertEquals(1, notFlow.code());
    assertTrue(notFlow.out().contains("plain.jsh is not a flow"), notFlow.out());
  }
}
