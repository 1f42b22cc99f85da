package dev.cellflow.batch.s3;

import java.net.URI;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client cellflow uses: credentials and region from the SDK's own chain (profiles,
 * {@code AWS_REGION}, ...), the endpoint from {@code AWS_ENDPOINT_URL} (which the SDK reads
 * itself), path-style addressing when an endpoint is set (emulators need it), and the SDK's
 * standard retries with back-off, which cover throttling.
 */
final class S3Clients {
  private S3Clients() {}

  static S3Client create() {
    var b = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(RetryMode.STANDARD).build());
    Region region;
    try {
      region = new DefaultAwsRegionProviderChain().getRegion();
    } catch (RuntimeException e) {
      region = Region.US_EAST_1; // S3 needs one to sign; buckets are found wherever they are
    }
    b.region(region);
    String endpoint = System.getenv("AWS_ENDPOINT_URL");
    if (endpoint == null) {
      endpoint = System.getProperty("aws.endpointUrl");
    }
    if (endpoint != null && !endpoint.isBlank()) {
      b.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
    }
    return b.build();
  }
}
