package dev.cellflow.batch.compute;

import dev.cellflow.batch.s3.S3Clients;
import java.net.URI;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The Batch and CloudWatch Logs clients: region, credentials and endpoint as for S3 ({@link
 * S3Clients}), the SDK's standard retries with back-off (they cover throttling of the frequent
 * DescribeJobs and GetLogEvents calls).
 */
public final class BatchClients {
  private BatchClients() {}

  /** A Batch client. */
  public static BatchClient batch() {
    var b = BatchClient.builder().httpClient(S3Clients.httpClient())
        .region(S3Clients.region()).overrideConfiguration(retries());
    String endpoint = S3Clients.endpoint();
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint));
    }
    return b.build();
  }

  /** A CloudWatch Logs client. */
  public static CloudWatchLogsClient logs() {
    var b = CloudWatchLogsClient.builder().httpClient(S3Clients.httpClient())
        .region(S3Clients.region()).overrideConfiguration(retries());
    String endpoint = S3Clients.endpoint();
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint));
    }
    return b.build();
  }

  private static ClientOverrideConfiguration retries() {
    return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build();
  }
}
