package dev.cellflow.batch.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS clients cellflow uses: credentials and region from the SDK's own chain (profiles,
 * {@code AWS_REGION}, ...); the endpoint as the SDK's own settings give it, a service's own
 * first ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_BATCH}, {@code
 * AWS_ENDPOINT_URL_CLOUDWATCH_LOGS}), then {@code AWS_ENDPOINT_URL}; path-style addressing when
 * an S3 endpoint is set (emulators need it); and the SDK's standard retries with back-off, which
 * cover throttling and short outages.
 *
 * <p>Retries: {@value #DEFAULT_ATTEMPTS} attempts unless the SDK's own {@code AWS_MAX_ATTEMPTS}
 * says otherwise, each wait twice the last from 100 ms, half of it random (so an unreachable
 * endpoint is tried for at least about 6 s and at most about 13 s before a call fails; the SDK's
 * default of 3 attempts gave up within a second, and a datastore blip then failed the run).
 */
public final class S3Clients {
  /** How many times a call is tried when {@code AWS_MAX_ATTEMPTS} does not say. */
  static final int DEFAULT_ATTEMPTS = 8;

  private S3Clients() {}

  /** A client with the settings above. */
  public static S3Client create() {
    var b = configure(S3Client.builder(), "S3");
    if (endpoint() != null) {
      b.forcePathStyle(true);
    }
    return b.build();
  }

  /**
   * {@code builder} with what every cellflow AWS client shares: the HTTP client, the region, the
   * retries and the endpoint of {@code service} (the SDK's id in its environment variables:
   * {@code S3}, {@code BATCH}, {@code CLOUDWATCH_LOGS}), when one is set.
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, String service) {
    String endpoint = endpoint(service);
    builder.httpClient(httpClient(endpoint)).region(region())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(retries()).build());
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder;
  }

  private static RetryStrategy retries() {
    int attempts = SdkSystemSetting.AWS_MAX_ATTEMPTS.getIntegerValue().orElse(DEFAULT_ATTEMPTS);
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(attempts)
        .backoffStrategy(BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(100),
            Duration.ofSeconds(20))).build();
  }

  /**
   * The SDK's URLConnection HTTP client, as every cellflow AWS client uses. Against a plain-HTTP
   * endpoint (an emulator) it opens the JDK's own connections: the SDK's default builds a TLS
   * context when the client is made, loading the trust store, about a third of a second of a
   * fresh task process that such an endpoint never uses. Against HTTPS, the SDK's default.
   */
  public static SdkHttpClient httpClient(String endpoint) {
    if (endpoint != null && endpoint.startsWith("http://")) {
      return UrlConnectionHttpClient.create(S3Clients::plainConnection);
    }
    return UrlConnectionHttpClient.create();
  }

  private static HttpURLConnection plainConnection(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(2_000); // the SDK's defaults
      c.setReadTimeout(30_000);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a connection to " + uri + ": " + e, e);
    }
  }

  /** A presigner with the same region, endpoint and addressing as {@link #create()}. */
  public static S3Presigner presigner() {
    var b = S3Presigner.builder().region(region());
    String endpoint = endpoint();
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint)).serviceConfiguration(
          S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
    return b.build();
  }

  /** The SDK's region, else us-east-1 (S3 needs one to sign; buckets are found anywhere). */
  public static Region region() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (RuntimeException e) {
      return Region.US_EAST_1;
    }
  }

  /** The S3 endpoint that is set ({@link #endpoint(String)}), else null. */
  public static String endpoint() {
    return endpoint("S3");
  }

  /**
   * The endpoint set for {@code service} as the SDK reads it: {@code AWS_ENDPOINT_URL_<SERVICE>}
   * or its system property ({@code aws.endpointUrlS3}, {@code aws.endpointUrlBatch}, {@code
   * aws.endpointUrlCloudWatchLogs}), else {@code AWS_ENDPOINT_URL} or {@code aws.endpointUrl};
   * null when none is.
   */
  public static String endpoint(String service) {
    String property = switch (service) {
      case "CLOUDWATCH_LOGS" -> "CloudWatchLogs";
      case "S3" -> "S3";
      default -> service.charAt(0) + service.substring(1).toLowerCase(java.util.Locale.ROOT);
    };
    for (String v : new String[] {System.getenv("AWS_ENDPOINT_URL_" + service),
        System.getProperty("aws.endpointUrl" + property), System.getenv("AWS_ENDPOINT_URL"),
        System.getProperty("aws.endpointUrl")}) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
