package dev.cellflow.batch.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client cellflow uses: credentials and region from the SDK's own chain (profiles,
 * {@code AWS_REGION}, ...), the endpoint from {@code AWS_ENDPOINT_URL} (which the SDK reads
 * itself), path-style addressing when an endpoint is set (emulators need it), and the SDK's
 * standard retries with back-off, which cover throttling.
 */
public final class S3Clients {
  private S3Clients() {}

  /** A client with the settings above. */
  public static S3Client create() {
    var b = configure(S3Client.builder());
    if (endpoint() != null) {
      b.forcePathStyle(true);
    }
    return b.build();
  }

  /**
   * {@code builder} with what every cellflow AWS client shares: the HTTP client, the region, the
   * standard retries and the endpoint, when one is set.
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder) {
    builder.httpClient(httpClient()).region(region())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(RetryMode.STANDARD).build());
    String endpoint = endpoint();
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder;
  }

  /**
   * The SDK's URLConnection HTTP client, as every cellflow AWS client uses. Against a plain-HTTP
   * endpoint (an emulator) it opens the JDK's own connections: the SDK's default builds a TLS
   * context when the client is made, loading the trust store, about a third of a second of a
   * fresh task process that such an endpoint never uses. Against HTTPS, the SDK's default.
   */
  public static SdkHttpClient httpClient() {
    String endpoint = endpoint();
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

  /** {@code AWS_ENDPOINT_URL} or the system property {@code aws.endpointUrl}, else null. */
  public static String endpoint() {
    String endpoint = System.getenv("AWS_ENDPOINT_URL");
    if (endpoint == null) {
      endpoint = System.getProperty("aws.endpointUrl");
    }
    return endpoint == null || endpoint.isBlank() ? null : endpoint;
  }
}
