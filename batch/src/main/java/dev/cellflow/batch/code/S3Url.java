package dev.cellflow.batch.code;

import dev.cellflow.CellflowException;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An {@code s3://bucket/prefix/} location, split.
 *
 * @param bucket the bucket
 * @param prefix the key prefix, empty or ending with {@code /}
 */
record S3Url(String bucket, String prefix) {
  static S3Url parse(String url) {
    if (!url.startsWith("s3://") || url.length() <= 5) {
      throw new CellflowException("'" + url + "' is not s3://bucket/prefix");
    }
    String rest = url.substring(5);
    int slash = rest.indexOf('/');
    String p = slash < 0 ? "" : rest.substring(slash + 1);
    return new S3Url(slash < 0 ? rest : rest.substring(0, slash),
        p.isEmpty() || p.endsWith("/") ? p : p + "/");
  }

  /** A URL that GETs {@code key} (under the prefix) without credentials, for {@code life}. */
  String presign(S3Presigner presigner, String key, Duration life) {
    return presigner.presignGetObject(r -> r.signatureDuration(life)
        .getObjectRequest(g -> g.bucket(bucket).key(prefix + key))).url().toString();
  }
}
