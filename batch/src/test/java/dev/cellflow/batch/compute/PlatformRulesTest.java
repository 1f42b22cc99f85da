package dev.cellflow.batch.compute;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cellflow.CellflowException;
import dev.cellflow.internal.config.Config;
import dev.cellflow.compute.StepResources;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What AWS Batch would refuse is refused before a definition is registered, naming the key. */
class PlatformRulesTest {
  private static final Config NONE = Config.of(Map.of("CELLFLOW_CONFIG", "/nonexistent.json"));
  private static final String W = "step 'train'";

  private static BatchOptions options(String... kv) {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      args.put(kv[i], kv[i + 1]);
    }
    return BatchOptions.of(args, NONE, W);
  }

  private static String refused(Runnable r) {
    return assertThrows(CellflowException.class, r::run).getMessage();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tmpfsSize|0|step 'train': tmpfsSize=0 is out of range; give 1 to",
      "tmpfsSize|-5|step 'train': tmpfsSize=-5 is out of range",
      "tmpfsPath|tmp|step 'train': tmpfsPath=tmp is not an absolute path",
      "hostVolumes|data|step 'train': hostVolumes item 'data' is not HOST_PATH or"
          + " HOST_PATH:CONTAINER_PATH with absolute paths",
      "hostVolumes|/a:b|step 'train': hostVolumes item '/a:b' is not HOST_PATH",
      "efsVolumes|vol-1|step 'train': efsVolumes item 'vol-1' is not fs-ID or fs-ID:CONTAINER_PATH",
      "logDriver|syslog-ng|step 'train': logDriver=syslog-ng is not a log driver AWS Batch takes;"
          + " give one of awslogs, fluentd,",
      "logOptions|verbose|step 'train': logOptions item 'verbose' is not key=value",
      "privileged|yes|step 'train': privileged=yes takes true or false",
      "inferentia|two|step 'train': inferentia=two is not a whole number",
      "efa|-1|step 'train': efa=-1 is out of range; give 0 to 32"})
  void aValueTheApiWouldRejectIsRefusedNamingTheKey(String key, String value, String message) {
    String m = refused(() -> options(key, value));
    assertEquals(message, m.substring(0, Math.min(m.length(), message.length())), m);
  }

  @Test
  void twoVolumesAtOnePathAndBothNeuronNamesAreRefused() {
    assertEquals("step 'train': two volumes are mounted at /data (hostVolumes/efsVolumes); give"
        + " each its own container path", refused(() -> options("hostVolumes", "/data",
        "efsVolumes", "fs-12345678:/data")));
    assertEquals("step 'train': inferentia=1 and trainium=2 both ask for Neuron devices; give one"
        + " of the two", refused(() -> options("inferentia", "1", "trainium", "2")));
  }

  @Test
  void logOptionsTakeEqualsOrMetaflowsColon() {
    assertEquals(Map.of("awslogs-group", "/my/group", "awslogs-region", "eu-west-1"),
        options("logOptions", "awslogs-group=/my/group;awslogs-region:eu-west-1").extras()
            .logOptions());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "privileged|true|privileged=true on Fargate (queue 'f') is refused by AWS Batch:",
      "useTmpfs|true|useTmpfs/tmpfsSize on Fargate (queue 'f') is refused",
      "inferentia|1|inferentia/trainium=1 on Fargate (queue 'f') is refused",
      "efa|1|efa=1 on Fargate (queue 'f') is refused",
      "hostVolumes|/data|hostVolumes on Fargate (queue 'f') is refused",
      "sharedMemory|64|sharedMemory=64 on Fargate (queue 'f') is refused",
      "logDriver|fluentd|logDriver=fluentd on Fargate (queue 'f') is refused by AWS Batch: Fargate"
          + " takes awslogs, splunk or awsfirelens",
      "ephemeralStorage|20|ephemeralStorage=20 on Fargate (queue 'f') is refused",
      "numNodes|3|@Parallel(nodes = 3) on Fargate (queue 'f') is refused by AWS Batch: Fargate"
          + " runs no multi-node jobs"})
  void fargateRefusesWhatItCannotGive(String key, String value, String message) {
    BatchOptions o = options(key, value, "executionRole", "arn:aws:iam::1:role/x");
    assertEquals(W + ": " + message, refused(() -> PlatformRules.check(
        new StepResources(1, 4096, 0), o, true, "f", W)).substring(0, W.length() + 2
        + message.length()));
  }

  @Test
  void fargateTakesOnlyItsCpuMemoryPairsNoGpuAndNeedsAnExecutionRole() {
    BatchOptions role = options("executionRole", "arn:aws:iam::1:role/x");
    assertDoesNotThrow(() -> PlatformRules.check(new StepResources(1, 4096, 0), role, true, "f",
        W));
    assertDoesNotThrow(() -> PlatformRules.check(new StepResources(16, 122880, 0), role, true,
        "f", W));
    assertEquals(W + ": cpu=1, memory=4000 on Fargate (queue 'f') is not a Fargate size; with 1"
        + " vCPU give memory 2048 to 8192 MiB in steps of 1024", refused(() ->
        PlatformRules.check(new StepResources(1, 4000, 0), role, true, "f", W)));
    assertEquals(W + ": cpu=3 on Fargate (queue 'f') is not a Fargate size; give cpu 1, 2, 4, 8"
        + " or 16", refused(() -> PlatformRules.check(new StepResources(3, 8192, 0), role, true,
        "f", W)));
    assertEquals(W + ": gpu=1 on Fargate (queue 'f') is refused by AWS Batch: Fargate has no"
        + " GPUs; use an EC2 queue", refused(() -> PlatformRules.check(
        new StepResources(1, 4096, 1), role, true, "f", W)));
    String m = refused(() -> PlatformRules.check(new StepResources(1, 4096, 0), options(), true,
        "f", W));
    assertEquals(W + ": no executionRole on Fargate (queue 'f'): a Fargate job needs one to pull"
        + " its image and write its log; set @Batch(executionRole = ARN), --with"
        + " batch:executionRole=ARN or CELLFLOW_BATCH_EXECUTION_ROLE", m);
  }

  @Test
  void ec2RefusesFargateOnlySettings() {
    assertEquals(W + ": ephemeralStorage=30 on EC2 (queue 'q') is refused by AWS Batch: it sizes"
        + " a Fargate job's disk; an EC2 job has its instance's", refused(() ->
        PlatformRules.check(StepResources.DEFAULT, options("ephemeralStorage", "30"), false, "q",
        W)));
    assertEquals(W + ": assignPublicIp=false on EC2 (queue 'q') is refused by AWS Batch: it"
        + " applies to Fargate queues only", refused(() -> PlatformRules.check(
        StepResources.DEFAULT, options("assignPublicIp", "false"), false, "q", W)));
  }
}
