package dev.cellflow.batch.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.RunStatus;
import dev.cellflow.batch.emulator.EmulatorProxy;
import dev.cellflow.batch.emulator.MotoBatch;
import dev.cellflow.batch.s3.S3Clients;
import dev.cellflow.client.Flow;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The Batch path under faults the emulator is made to show: S3 refusing the runtime's
 * connections when a task ends, a job log CloudWatch Logs will not give, Ctrl-C; each service
 * reached through its own endpoint variable, with a proxy in front of the emulator where the
 * fault is made ({@link EmulatorProxy}).
 */
class BatchFaultsIT {
  private static String root;
  private static String moto;

  @BeforeAll
  static void emulator() throws Exception {
    MotoBatch.reset();
    MotoBatch.queue("default", 16, "m5.2xlarge");
    root = MotoBatch.bucket();
    moto = MotoBatch.endpoint();
  }

  private static Flow flow(String name) throws Exception {
    MotoBatch.endpoint();
    return Flow.in(Datastores.open("s3", root), name);
  }

  private static String status(String jobId) throws Exception {
    MotoBatch.endpoint();
    try (var batch = BatchClients.batch()) {
      var d = batch.describeJobs(r -> r.jobs(jobId)).jobs().get(0);
      return d.statusAsString() + " " + d.statusReason();
    }
  }

  private static String jobOf(String out, String step) {
    Matcher m = Pattern.compile("/" + step + "/\\d+ \\(job (\\S+)\\)]").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }

  /** Issue 16 items 3 and 8: no AWS_ENDPOINT_URL; each service through its own variable. */
  @Test
  void aJobLogThatCannotBeReadIsToldOnceAndTheJobsStateEndsTheTask() throws Exception {
    try (EmulatorProxy batchApi = new EmulatorProxy(moto);
        EmulatorProxy logsApi = new EmulatorProxy(moto)) {
      logsApi.fail("GetLogEvents", "AccessDeniedException", "User: arn:aws:sts::1:assumed-role/x"
          + " is not authorized to perform: logs:GetLogEvents");
      Map<String, String> env = new HashMap<>(MotoBatch.processEnv());
      env.remove("AWS_ENDPOINT_URL");
      env.put("AWS_ENDPOINT_URL_S3", moto);
      env.put("AWS_ENDPOINT_URL_BATCH", batchApi.endpoint());
      env.put("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", logsApi.endpoint());
      var r = FlowProcess.start(env, MixedFlow.class, "run", "--datastore", "s3",
          "--datastore-root", root).waitFor(120); // before the fix: waited for ever
      assertEquals(0, r.exit(), r.out());
      assertTrue(r.out().contains("local end sees y = 42"), r.out());
      String told = "cannot read the job's output from CloudWatch Logs (User: arn:aws:sts::1:"
          + "assumed-role/x is not authorized to perform: logs:GetLogEvents";
      assertEquals(1, r.out().split(Pattern.quote(told), -1).length - 1, r.out());
      assertTrue(r.out().contains("aws logs get-log-events --log-group-name /aws/batch/job"
          + " --log-stream-name "), r.out());
      assertTrue(batchApi.forwarded() > 0 && logsApi.failed() > 0,
          "Batch and Logs went to their own endpoints");
    }
  }

  /** Issue 16 item 2 (and 8): S3 refuses the runtime when a task ends. */
  @Test
  void s3RefusingTheRuntimeWhenATaskEndsFailsTheRunCleanlyAndResumeFinishesIt()
      throws Exception {
    String signals = root.replace("/cellflow", "/signals");
    try (EmulatorProxy s3 = new EmulatorProxy(moto)) {
      Map<String, String> env = new HashMap<>(MotoBatch.processEnv());
      env.put("AWS_ENDPOINT_URL_S3", s3.endpoint()); // the jobs reach S3 themselves
      FlowProcess run = FlowProcess.start(env, OutageFlow.class, "run", "--signals", signals,
          "--datastore", "s3", "--datastore-root", root);
      assertTrue(run.awaitOutput("waits until released", 120)
          && run.awaitOutput("ends on go", 60), run.output());
      assertTrue(s3.forwarded() > 0, "the runtime's S3 calls go to AWS_ENDPOINT_URL_S3");
      String waits = jobOf(run.output(), "waits");
      s3.refuse();
      signal(signals, "go");
      // the runtime ends the other job once the log store has failed past its retries; S3 is
      // back while it records the run (its retries last at least 6 s)
      for (int i = 0; i < 600 && !status(waits).startsWith("FAILED"); i++) {
        Thread.sleep(100);
      }
      assertEquals("FAILED cellflow: the run was stopped", status(waits), run.output());
      s3.listen();
      var r = run.waitFor(60);
      assertEquals(1, r.exit(), r.out());
      List<String> said = r.out().lines().filter(l -> !l.startsWith("[1/")).toList();
      String failed = said.stream().filter(l -> l.startsWith("Run OutageFlow/1 failed in"))
          .findFirst().orElseThrow(() -> new AssertionError(r.out()));
      assertTrue(failed.contains("could not store the output of task 1/ends/")
          && failed.contains("Connection refused")
          && failed.contains("resume --origin-run-id 1"), failed);
      assertTrue(said.stream().noneMatch(l -> l.startsWith("\tat ")), "no trace: " + r.out());
      assertEquals(RunStatus.FAILED, flow("OutageFlow").run(1).status());

      signal(signals, "release");
      var resumed = FlowProcess.start(env, OutageFlow.class, "resume", "--datastore", "s3",
          "--datastore-root", root).waitFor(180);
      assertEquals(0, resumed.exit(), resumed.out());
      assertTrue(resumed.out().contains("all done"), resumed.out());
    }
  }

  private static void signal(String url, String key) throws Exception {
    MotoBatch.endpoint();
    String rest = url.substring(5);
    try (var s3 = S3Clients.create()) {
      s3.putObject(b -> b.bucket(rest.substring(0, rest.indexOf('/')))
          .key(rest.substring(rest.indexOf('/') + 1) + "/" + key), RequestBody.fromString(key));
    }
  }

  /** Issue 16 item 5: the job id is in the task's record from its submit, and its log kept. */
  @Test
  void afterCtrlCTheTasksRecordNamesItsJobAndLogsShowsItsOutput() throws Exception {
    FlowProcess run = FlowProcess.start(WaitingFlow.class, "run", "--datastore", "s3",
        "--datastore-root", root);
    assertTrue(run.awaitOutput("waiting to be killed", 120), run.output());
    String job = jobOf(run.output(), "start");
    // a terminal's Ctrl-C signals the whole foreground group: the JVM and the copy it relaunched
    List<String> kill = new java.util.ArrayList<>(List.of("kill", "-INT",
        Long.toString(run.process.pid())));
    run.process.descendants().forEach(h -> kill.add(Long.toString(h.pid())));
    new ProcessBuilder(kill).start().waitFor();
    var ended = run.waitFor(60);
    assertTrue(ended.out().contains("interrupted"), ended.out());
    var task = flow("WaitingFlow").latestRun().orElseThrow().step("start").task();
    assertEquals(job, task.externalId());
    var logs = FlowProcess.run(WaitingFlow.class, "logs", task.pathspec().substring(
        task.pathspec().indexOf('/') + 1), "--datastore", "s3", "--datastore-root", root);
    assertEquals("waiting to be killed\n", logs.out());
  }
}
