package dev.cellflow.batch.s3;

import dev.cellflow.testing.UserCommand;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad AWS settings, each started as a user starts a flow ({@code java -cp CP SquaresFlow run
 * ...}, a JVM each): one {@code error:} line naming what to set, no SDK trace. No emulator:
 * each fails before (or at) the first request, against nothing on the network.
 */
class S3BadInputIT {
  @TempDir Path dir;

  /** The module's classes, test classes and runtime dependencies. */
  private static String cp() throws Exception {
    return Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
        + Path.of("target", "test-classes").toAbsolutePath() + File.pathSeparator
        + Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
  }

  /** An environment with no AWS settings at all, this machine's files and metadata included. */
  private Map<String, String> noAws() {
    Map<String, String> env = new HashMap<>();
    for (String v : new String[] {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE"}) {
      env.put(v, null);
    }
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    return env;
  }

  /** Credentials and a region, and an endpoint where nothing listens. */
  private Map<String, String> deadEndpoint() {
    Map<String, String> env = noAws();
    env.putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
        "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:1"));
    return env;
  }

  @Test
  void anS3DatastoreWithoutCredentialsSaysWhatToSet() throws Exception {
    UserCommand.run(cp(), dir, noAws(), SquaresFlow.class, "run", "--datastore", "s3",
        "--datastore-root", "s3://bucket/flows")
        .assertOneErrorLine("s3://bucket/flows", "needs AWS credentials", "AWS_ACCESS_KEY_ID");
  }

  @Test
  void anUnreachableS3IsOneLineSayingWhereTheDetailsAre() throws Exception {
    UserCommand.run(cp(), dir, deadEndpoint(), SquaresFlow.class, "run", "--datastore", "s3",
        "--datastore-root", "s3://bucket/flows")
        .assertOneErrorLine("s3://bucket/flows", "details in ");
  }

  @Test
  void aBatchSettingThatIsNotANumberNamesItsVariable() throws Exception {
    Map<String, String> env = deadEndpoint();
    env.put("CELLFLOW_BATCH_POLL_MS", "abc");
    UserCommand.run(cp(), dir, env, SquaresFlow.class, "run", "--with", "batch",
        "--datastore", "s3", "--datastore-root", "s3://bucket/flows")
        .assertOneErrorLine("CELLFLOW_BATCH_POLL_MS is 'abc': give a whole number");
  }
}
