package dev.cellflow.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cellflow.TaskStatus;
import dev.cellflow.batch.compute.BatchClients;
import dev.cellflow.batch.emulator.MotoBatch;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.client.Task;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code notebooks/BigSum.ipynb} executed by nbclient with its {@code %batch} cell's {@code
 * backend=local} taken out: the heavy cell runs as an AWS Batch job on the emulator (moto, the
 * job's command on the host's JDK), the kernel started by Jupyter with the environment a user
 * would set ({@code CELLFLOW_DATASTORE=s3}, {@code CELLFLOW_BATCH_QUEUE}, {@code
 * AWS_ENDPOINT_URL}), and the run's artifacts read back from S3 with the Client API.
 */
class NotebooksBatchIT {
  @TempDir
  static Path dir;

  private static Jupyter jupyter;

  @BeforeAll
  static void install() throws Exception {
    MotoBatch.reset();
    MotoBatch.queue("notebooks", 16, "m5.2xlarge");
    jupyter = Jupyter.install(dir);
  }

  /** The kernel's environment: the emulator, the S3 datastore at {@code root}, the queue. */
  static Map<String, String> env(String root) throws Exception {
    Map<String, String> env = new HashMap<>(MotoBatch.processEnv());
    env.put("CELLFLOW_DATASTORE", "s3");
    env.put("CELLFLOW_DATASTORE_ROOT", root);
    env.put("CELLFLOW_BATCH_QUEUE", "notebooks");
    return env;
  }

  private static Map<String, Object> cell(String code) {
    Map<String, Object> c = new java.util.LinkedHashMap<>();
    c.put("code", code);
    return c;
  }

  @Test
  void anInterruptedBatchCellKeepsItsJobAndOutputAndNothingOfItReachesALaterCell_imageEmulated()
      throws Exception {
    String root = MotoBatch.bucket();
    Map<String, Object> ticking = cell("%batch\nfor (int i = 0; i < 1_000_000; i++) {\n"
        + "  System.out.println(\"tick \" + i);\n  Thread.sleep(300);\n}");
    ticking.put("interrupt_when", "tick 1");
    JsonNode c = jupyter.cells(java.util.List.of(cell("%flow Ticks"), ticking,
        // long enough for the killed job's state and last lines, had the cell not waited;
        // both streams written, so that a stream holding what came late would send it here
        cell("Thread.sleep(6000);\nSystem.out.println(\"next cell\");\n"
            + "System.err.println(\"next cell\");"),
        cell("%batch logs")), env(root));

    assertTrue(c.get(1).get("error").asText().contains("%batch: interrupted"),
        c.get(1).toString());
    // the cell waited for the killed job's end: its state shows in the cell's display (one,
    // updated in place), nothing of it later
    JsonNode shown = c.get(1).get("displays");
    String last = shown.get(shown.size() - 1).get("text").asText();
    assertTrue(last.contains("AWS Batch job FAILED") && last.contains("killed: %batch:"
        + " interrupted"), c.get(1).toString());
    assertEquals("next cell\n", c.get(2).get("stdout").asText(), c.get(2).toString());
    assertEquals("next cell\n", c.get(2).get("stderr").asText(), c.get(2).toString());
    Task task = Flow.in(Datastores.open("s3", root), "Ticks").latestRun()
        .orElseThrow().step("cell_1").task();
    assertEquals(TaskStatus.KILLED, task.status());
    assertNotNull(task.externalId(), "the interrupted step keeps its job id");
    assertTrue(task.stdout().contains("tick 0\ntick 1\n"), task.stdout());
    String logs = c.get(3).get("result").asText();
    assertTrue(logs.contains("killed, job " + task.externalId()) && logs.contains("tick 1"),
        logs);
  }

  @Test
  void bigSumsHeavyCellRunsAsABatchJobAndItsValuesComeBackFromS3_imageEmulated() throws Exception {
    Path original = Path.of(System.getProperty("cellflow.notebooks", "../notebooks"),
        "BigSum.ipynb");
    String nb = Files.readString(original);
    assertTrue(nb.contains("%batch backend=local "), "BigSum's heavy cell changed: " + original);
    Path onBatch = dir.resolve("BigSum.ipynb");
    Files.writeString(onBatch, nb.replace("%batch backend=local ", "%batch "));
    String root = MotoBatch.bucket();

    JsonNode c = jupyter.notebook(onBatch, env(root));

    String heavy = Jupyter.text(c, 2);
    // the cell's display, as its last update left it (nbclient applies update_display_data)
    assertTrue(heavy.matches("(?s).*BigSum/\\d+/cell_2/2 on batch \\(cpu 2, memory 2000 MB\\),"
        + " job .*"), heavy);
    Matcher job = Pattern.compile("job ([0-9a-f-]{36})").matcher(heavy);
    assertTrue(job.find(), "the cell names its Batch job: " + heavy);
    assertTrue(heavy.contains("AWS Batch job SUBMITTED to queue notebooks"), heavy);
    assertTrue(heavy.contains("AWS Batch job RUNNING"), "the cell shows the job's states:\n"
        + heavy);
    assertTrue(heavy.contains("AWS Batch job SUCCEEDED"), heavy);
    assertTrue(heavy.matches("(?s).*succeeded: artifacts in BigSum/\\d+/cell_2/2; now variables"
        + " here: t, sum, took, parallelSum, parallelTook; stayed on the task: m\n.*"), heavy);
    assertTrue(heavy.contains("now variables here: t, sum, took, parallelSum, parallelTook"),
        heavy);
    assertTrue(heavy.contains("m (double[][], 30.5 MB) stayed on the task"), heavy);
    Jupyter.BigSum sums = Jupyter.checkBigSum(c);

    // the run is in S3: the heavy cell's artifacts as the job stored them, its job id kept
    Run run = Flow.in(Datastores.open("s3", root), "BigSum").latestRun()
        .orElseThrow();
    Task task = run.step("cell_2").task();
    assertEquals(sums.sum(), (double) task.artifact("sum").value(), 1e-6);
    assertEquals(sums.parallel(), (double) task.artifact("parallelSum").value(), 1e-6);
    // a light cell's too, stored by the kernel in the same S3 datastore
    assertEquals(sums.kernelSum(),
        (double) run.step("cell_4").task().artifact("smallSum").value(), 1e-6);
    assertNotNull(task.externalId(), "the cell's task keeps its job id");
    assertEquals(job.group(1), task.externalId());
    try (var batch = BatchClients.batch()) {
      var described = batch.describeJobs(d -> d.jobs(job.group(1))).jobs().get(0);
      assertEquals("SUCCEEDED", described.statusAsString());
      // the kernel compiles the cell: the task's image is a JRE (the emulator runs the host's)
      String image = batch.describeJobDefinitions(d -> d.jobDefinitions(
          described.jobDefinition())).jobDefinitions().get(0).containerProperties().image();
      assertTrue(image.endsWith("-jre"), image);
    }
  }
}
