package dev.cellflow.batch.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.batch.emulator.MotoBatch;
import dev.cellflow.batch.s3.SquaresFlow;
import dev.cellflow.client.Flow;
import dev.cellflow.client.Run;
import dev.cellflow.internal.datastore.Datastores;
import dev.cellflow.internal.datastore.FlowDatastore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ContainerProperties;
import software.amazon.awssdk.services.batch.model.JobDefinition;

/**
 * Metaflow's {@code @batch} settings as cellflow writes them into job definitions, read back from
 * what the emulator stored (DescribeJobDefinitions), for flows run from their own {@code main}.
 * The emulator stores the definition as AWS would but runs each job as a local process: it cannot
 * show that the devices, volumes, tmpfs, log driver, privileged mode or Fargate exist (the test
 * names say "definition", not "container").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchParityIT {
  private static final String ROLE = "arn:aws:iam::123456789012:role/exec";
  private static String root;

  @BeforeAll
  static void emulator() throws Exception {
    MotoBatch.reset();
    MotoBatch.queue("default", 16, "m5.2xlarge");
    MotoBatch.queue("fargate", 16, "FARGATE");
    root = MotoBatch.bucket();
  }

  private static JobDefinition definitionOf(BatchClient batch, String jobId) {
    String arn = batch.describeJobs(r -> r.jobs(jobId)).jobs().get(0).jobDefinition();
    return batch.describeJobDefinitions(r -> r.jobDefinitions(arn)).jobDefinitions().get(0);
  }

  @Test
  @Order(1)
  void aSettingFargateRefusesFailsTheRunBeforeAnyJobWithOneLineNamingIt() throws Exception {
    var r = FlowProcess.run(SquaresFlow.class, "run", "--datastore", "s3", "--datastore-root",
        root, "--with", "batch:queue=fargate,memory=4096,executionRole=" + ROLE
            + ",privileged=true");
    assertNotEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("step 'start' (@Batch or --with batch): privileged=true on"
        + " Fargate (queue 'fargate') is refused by AWS Batch: Fargate runs no privileged"
        + " containers"), r.out());
    try (BatchClient batch = BatchClients.batch()) {
      assertEquals(List.of(), batch.listJobs(q -> q.jobQueue("fargate")).jobSummaryList(),
          "nothing was submitted");
    }
  }

  @Test
  @Order(2)
  void everyMetaflowSettingIsInTheStoredDefinitionOnEc2AndFargate() throws Exception {
    var r = FlowProcess.run(ParityFlow.class, "run", "--datastore", "s3", "--datastore-root",
        root, "--with", "batch:queue=fargate,cpu=2,memory=8192,executionRole=" + ROLE
            + ",fargatePlatformVersion=1.4.0,assignPublicIp=false,ephemeralStorage=30");
    assertEquals(0, r.exit(), r.out());
    Run run = Flow.in(Datastores.open("s3", root), "ParityFlow")
        .latestSuccessfulRun().orElseThrow();
    try (BatchClient batch = BatchClients.batch()) {
      // start: its own @Batch on the EC2 queue
      JobDefinition heavy = definitionOf(batch, run.step("start").task().externalId());
      ContainerProperties c = heavy.containerProperties();
      assertEquals(List.of("/dev/neuron0 /dev/neuron0 [READ, WRITE]",
          "/dev/neuron1 /dev/neuron1 [READ, WRITE]",
          "/dev/infiniband/uverbs0 /dev/infiniband/uverbs0 [READ, WRITE, MKNOD]"),
          c.linuxParameters().devices().stream().map(d -> d.hostPath() + " " + d.containerPath()
              + " " + d.permissionsAsStrings()).toList());
      var tmpfs = c.linuxParameters().tmpfs().get(0);
      assertEquals("/fast 256 [defaults]", tmpfs.containerPath() + " " + tmpfs.size() + " "
          + tmpfs.mountOptions());
      assertEquals(List.of("TMPDIR=/fast"), c.environment().stream()
          .map(e -> e.name() + "=" + e.value()).toList());
      assertEquals(List.of("host_data host /data", "host_scratch host /scratch",
          "efs_fs-12345678 efs fs-12345678 ENABLED"), c.volumes().stream().map(v -> v.name()
          + (v.host() != null ? " host " + v.host().sourcePath() : " efs "
          + v.efsVolumeConfiguration().fileSystemId() + " "
          + v.efsVolumeConfiguration().transitEncryptionAsString())).toList());
      assertEquals(List.of("host_data /data", "host_scratch /mnt/scratch",
          "efs_fs-12345678 /shared"), c.mountPoints().stream()
          .map(m -> m.sourceVolume() + " " + m.containerPath()).toList());
      assertEquals("awslogs", c.logConfiguration().logDriverAsString());
      assertEquals(Map.of("awslogs-group", "/aws/batch/job"), c.logConfiguration().options());
      assertEquals(true, c.privileged());
      assertEquals(List.of(), heavy.platformCapabilitiesAsStrings());
      // end: --with batch on the Fargate queue
      JobDefinition end = definitionOf(batch, run.step("end").task().externalId());
      ContainerProperties f = end.containerProperties();
      assertEquals(List.of("FARGATE"), end.platformCapabilitiesAsStrings());
      assertEquals("1.4.0", f.fargatePlatformConfiguration().platformVersion());
      assertEquals("DISABLED", f.networkConfiguration().assignPublicIpAsString());
      assertEquals(ROLE, f.executionRoleArn());
      assertEquals(30, f.ephemeralStorage().sizeInGiB());
      assertEquals(null, f.linuxParameters());
    }
  }

  /**
   * The emulator runs the nodes as processes on this host, the main node's address being
   * 127.0.0.1: it shows the job's shape, the node variables and a rendezvous, not a network of
   * machines, placement, or EFA between them.
   */
  @Test
  @Order(3)
  void aParallelStepIsOneMultiNodeJobWhoseNodesMeetAtTheMainNode_nodesAreLocalProcesses()
      throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var r = FlowProcess.run(ParallelFlow.class, "run", "--datastore", "s3", "--datastore-root",
        root, "--port", Integer.toString(port));
    assertEquals(0, r.exit(), r.out());
    Run run = Flow.in(Datastores.open("s3", root), "ParallelFlow")
        .latestSuccessfulRun().orElseThrow();
    var train = run.step("train").task();
    assertEquals(0, (int) train.artifact("index").value(), "the main node's artifacts are kept");
    assertEquals(3, (int) train.artifact("nodes").value());
    assertEquals(List.of(1, 2), train.artifact("heard").value(), "every other node reached it");
    assertEquals(train.externalId() + "#0", train.artifact("jobId").value());
    assertTrue(r.out().contains("main node heard from nodes [1, 2]"), r.out());
    try (BatchClient batch = BatchClients.batch(); var logs = BatchClients.logs()) {
      String stream = batch.describeJobs(q -> q.jobs(train.externalId())).jobs().get(0)
          .container().logStreamName();
      for (int i = 1; i <= 2; i++) { // the other nodes' output, as the emulator keeps it
        String s = stream + "#" + i;
        String out = String.join("\n", logs.getLogEvents(q -> q.logGroupName("/aws/batch/job")
            .logStreamName(s).startFromHead(true)).events().stream()
            .map(e -> e.message()).toList());
        assertTrue(out.contains("node " + i + " of 3 reached the main node at 127.0.0.1"), out);
        assertTrue(!out.contains("[stderr]"), "a node other than the main one stores nothing and"
            + " needs no transition: " + out);
      }
      JobDefinition d = definitionOf(batch, train.externalId());
      assertEquals("multinode", d.type());
      assertEquals(3, d.nodeProperties().numNodes());
      assertEquals(0, d.nodeProperties().mainNode());
      assertEquals("0:", d.nodeProperties().nodeRangeProperties().get(0).targetNodes());
      assertEquals("6000", d.nodeProperties().nodeRangeProperties().get(0).container()
          .resourceRequirements().stream().filter(q -> q.typeAsString().equals("MEMORY"))
          .findFirst().orElseThrow().value());
    }
  }
}
