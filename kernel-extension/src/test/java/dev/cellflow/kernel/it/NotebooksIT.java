package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every notebook under {@code notebooks/} executed by nbclient against cellflow's kernel, each
 * in a fresh kernel, sharing one datastore; the tests read the values its cells printed.
 */
class NotebooksIT {
  @TempDir
  static Path dir;

  private static Jupyter jupyter;

  @BeforeAll
  static void install() throws Exception {
    jupyter = Jupyter.install(dir);
  }

  private static JsonNode run(String name) throws Exception {
    return jupyter.notebook(Path.of(System.getProperty("cellflow.notebooks", "../notebooks"),
        name));
  }

  @Test
  void bigSumSumsTheMatrixBothWaysOnATaskAndTheMatrixStaysThere() throws Exception {
    JsonNode c = run("BigSum.ipynb");
    String heavy = Jupyter.text(c, 2);
    assertTrue(heavy.contains("now variables here: t, sum, took, parallelSum, parallelTook"), heavy);
    assertTrue(heavy.contains("m (double[][], 30.5 MB) stayed on the task"), heavy);
    Jupyter.BigSum sums = Jupyter.checkBigSum(c);
    // the cards the cells attached, under them: the task's Markdown, the kernel cell's table
    Jupyter.display(c, 2, "text/markdown", "**2000x2000 matrix** summed on the task: ");
    String table = Jupyter.display(c, 4, "text/html", "500x500");
    assertTrue(table.contains(td("2000x2000") + td("task") + td(String.format("%.1f", sums.sum())))
        && table.contains(td("500x500") + td("kernel")
            + td(String.format("%.1f", sums.kernelSum()))), table);
    Jupyter.checkCellGraph(Jupyter.display(c, 5, "text/html", "<svg"), Map.of(
        "cell_1", "in the kernel", "cell_2", "local, cpu 2, memory 2000 MB",
        "cell_3", "in the kernel", "cell_4", "in the kernel"));
  }

  private static String td(String cell) {
    return "<td style=\"text-align:left\">" + cell + "</td>";
  }

  @Test
  void fanOutMakesRecordsRemotelyAndBranchesInTheKernel() throws Exception {
    JsonNode c = run("FanOut.ipynb");
    assertTrue(Jupyter.text(c, 2).contains("remote: 8 scores"), Jupyter.text(c, 2));
    String back = Jupyter.text(c, 3);
    assertTrue(back.contains("total of squares 204"), back); // 1 + 4 + ... + 64
    assertTrue(back.contains("best Score[name=p8, value=28.28427"), back);
    assertTrue(Jupyter.text(c, 4).contains("evens [20, 40, 60, 80] odds [-1, -3, -5, -7]"), Jupyter.text(c, 4));
    Jupyter.display(c, 3, "text/markdown", "### Scores\n8 scores made on the task; total of"
        + " squares **204**");
    String scores = Jupyter.display(c, 3, "text/html", "p8");
    assertTrue(scores.contains(td("p1") + td("10.000")) && scores.contains(td("p8")
        + td("28.284")), scores); // 10 * sqrt(8)
    Jupyter.checkCellGraph(Jupyter.display(c, 5, "text/html", "<svg"), Map.of(
        "cell_1", "in the kernel", "cell_2", "local, cpu 2, memory 4000 MB",
        "cell_3", "in the kernel", "cell_4", "in the kernel"));
    // the same fan-out as a flow class of the notebook, run with %flow run: its display's
    // last state (nbclient keeps a display's last update in its place)
    String run = Jupyter.display(c, 8, "text/plain", "Squares/1 succeeded");
    assertTrue(run.contains("  square: 40/40 done, 0 running, 0 failed, ") && run.contains(
        "run Squares/1 succeeded; read it with %flow show Squares/1"), run);
    assertTrue(Jupyter.display(c, 8, "text/html", "cellflow-run")
        .contains("<tr data-step=\"join\" data-state=\"done\">"), run);
    assertTrue(Jupyter.text(c, 9).startsWith("Squares/1 succeeded: 40 scores from 40 tasks, best"
        + " Score[name=p40, value=63.245"), Jupyter.text(c, 9)); // 10 * sqrt(40)
    String graph = Jupyter.display(c, 10, "text/html", "<svg");
    assertTrue(graph.contains("40 tasks: 40 succeeded"), graph);
  }

  @Test
  void theClientApiReadsANotebookRunStepByStep() throws Exception {
    JsonNode c = run("ClientApi.ipynb");
    String read = Jupyter.text(c, 4);
    assertTrue(read.matches("(?s)Hello/\\d+ succeeded\n.*"), read);
    assertTrue(read.contains("Hello, notebook; counts at cell_1 [1, 2, 3], at cell_2 [1, 2, 30]"),
        read);
    assertTrue(read.contains("total 33"), read);
    String shown = c.get(5).get("html").asText();
    assertTrue(shown.contains("<table>"), "a Run renders as a table: " + shown);
    Jupyter.checkCellGraph(shown, Map.of("cell_1", "in the kernel", "cell_2", "in the kernel"));
  }

  @Test
  void aRunResumedInANewKernelGoesOnFromItsFailedCell() throws Exception {
    JsonNode failed = run("ResumeFails.ipynb");
    assertTrue(failed.get(3).get("error").asText().contains("ArrayIndexOutOfBoundsException"),
        failed.get(3).toString());
    JsonNode c = run("ResumeGoesOn.ipynb");
    String resumed = Jupyter.text(c, 0);
    assertTrue(resumed.matches("(?s).*run Resume/2 resumes Resume/1: reused \\[cell_1, cell_2\\];"
        + " restored n, data, stat.*"), resumed);
    // the record the remote cell declared is declared again, and its value bound as one
    assertEquals("n = 21, data.length = 21, square(4) = 16, Stat[min=0, max=400]\n",
        Jupyter.text(c, 1));
    assertEquals("fixed = 442\n", Jupyter.text(c, 2)); // 20 * 20 + 2 * 21
    String show = Jupyter.text(c, 3);
    assertTrue(show.matches("(?s).*Resume/2/cell_1/1\\s+succeeded.*Resume/2/cell_2/2\\s+succeeded"
        + ".*Resume/2/cell_3/3\\s+succeeded.*Resume/2/cell_4/4\\s+succeeded.*"), show);
  }
}
