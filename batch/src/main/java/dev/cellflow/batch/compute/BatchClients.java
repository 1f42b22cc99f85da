package dev.cellflow.batch.compute;

import dev.cellflow.batch.s3.S3Clients;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The Batch and CloudWatch Logs clients: region, credentials, endpoint ({@code
 * AWS_ENDPOINT_URL_BATCH}, {@code AWS_ENDPOINT_URL_CLOUDWATCH_LOGS}, else {@code
 * AWS_ENDPOINT_URL}) and retries as for S3 ({@link S3Clients}), the SDK's standard retries with back-off (they cover throttling of the frequent
 * DescribeJobs and GetLogEvents calls).
 */
public final class BatchClients {
  private BatchClients() {}

  /** A Batch client. */
  public static BatchClient batch() {
    return S3Clients.configure(BatchClient.builder(), "BATCH").build();
  }

  /** A CloudWatch Logs client. */
  public static CloudWatchLogsClient logs() {
    return S3Clients.configure(CloudWatchLogsClient.builder(),
        "CLOUDWATCH_LOGS").build();
  }
}
