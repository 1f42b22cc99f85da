package dev.cellflow.batch.s3;

import dev.cellflow.CellflowException;
import dev.cellflow.datastore.Storage;
import dev.cellflow.datastore.StorageProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The provider for {@code --datastore s3}. */
public final class S3StorageProvider implements StorageProvider {
  @Override
  public String name() {
    return "s3";
  }

  @Override
  public Storage open(String root) {
    try {
      // the client's own provider, resolved once here: without credentials the first request
      // failed with the SDK's list of every provider it tried, 50 lines deep in a trace
      DefaultCredentialsProvider.create().resolveCredentials();
    } catch (SdkClientException e) {
      throw new CellflowException("the s3 datastore " + root + " needs AWS credentials, and"
          + " none were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE"
          + " (and AWS_ENDPOINT_URL for an S3-compatible store)");
    }
    return new S3Storage(S3Clients.create(), root);
  }
}
