package dev.cellflow.batch.s3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.cellflow.datastore.Storage;
import dev.cellflow.internal.datastore.Datastores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The S3 storage cases against Adobe S3Mock, a second implementation of the S3 protocol. */
class S3MockStorageIT extends S3StorageIT {
  @RegisterExtension
  static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent()
      .withSecureConnection(false).build();

  /**
   * S3Mock answers {@code If-None-Match: *} but does not make concurrent conditional puts atomic
   * (three of eight racing claims won here); S3 and moto do. Here: the claim's protocol, one
   * claim after another.
   */
  @Override
  @Test
  void onlyOneOfManyClaimsOfAKeyWins() throws Exception {
    Storage storage = Datastores.open("s3", "s3://" + bucketName() + "/runs");
    assertTrue(storage.createExclusive("Flow/7/_claim", new byte[0]));
    assertFalse(storage.createExclusive("Flow/7/_claim", new byte[0]));
  }

  @Override
  void emulator() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    System.setProperty("aws.region", "us-east-1");
    System.setProperty("aws.endpointUrl", S3_MOCK.getServiceEndpoint());
  }
}
