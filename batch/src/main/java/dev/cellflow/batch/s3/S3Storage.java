package dev.cellflow.batch.s3;

import dev.cellflow.CellflowException;
import dev.cellflow.datastore.Storage;
import dev.cellflow.internal.datastore.StaleFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Storage in S3 under {@code s3://bucket/prefix}. Staged bytes go to a local temporary file and
 * are uploaded under their key when committed — S3 shows an object only once it is complete, so
 * nothing half-written is ever seen. Large objects go up as parallel multipart uploads ({@link
 * MultipartUpload}) and come down as parallel byte ranges ({@link RangedDownload}); run ids are
 * claimed with a conditional put ({@code If-None-Match: *}).
 */
public final class S3Storage implements Storage {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  /** Storage at {@code root}, {@code s3://bucket} or {@code s3://bucket/prefix}. */
  public S3Storage(S3Client s3, String root) {
    if (!root.startsWith("s3://") || root.length() <= 5) {
      throw new CellflowException("--datastore-root '" + root + "': the s3 datastore takes"
          + " s3://bucket or s3://bucket/prefix");
    }
    String rest = root.substring(5);
    int slash = rest.indexOf('/');
    this.s3 = s3;
    this.bucket = slash < 0 ? rest : rest.substring(0, slash);
    String p = slash < 0 ? "" : rest.substring(slash + 1);
    this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    // what tasks killed while staging an upload left in the temporary folder
    StaleFiles.sweep(Path.of(System.getProperty("java.io.tmpdir")), "cellflow-s3-*.part");
  }

  @Override
  public String root() {
    return "s3://" + bucket + "/" + prefix;
  }

  private String key(String k) {
    return prefix + k;
  }

  @Override
  public boolean exists(String key) throws IOException {
    try {
      s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key(key)).build());
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw io("check", key, e);
    } catch (SdkException e) {
      throw io("check", key, e);
    }
  }

  @Override
  public InputStream read(String key) throws IOException {
    try {
      // one request for the usual small object; its size says whether to read ranges instead
      ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket)
          .key(key(key)));
      long size = in.response().contentLength();
      if (size > 2 * MultipartUpload.PART) {
        in.abort();
        return new RangedDownload(s3, bucket, key(key), size); // parallel ranges
      }
      return in;
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(root() + key);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new NoSuchFileException(root() + key);
      }
      throw io("read", key, e);
    } catch (SdkException e) {
      throw io("read", key, e);
    }
  }

  @Override
  public List<String> list(String dir) throws IOException {
    String p = key(dir.endsWith("/") ? dir : dir + "/");
    List<String> out = new ArrayList<>();
    try {
      for (var page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
          .prefix(p).delimiter("/").build())) {
        for (CommonPrefix cp : page.commonPrefixes()) {
          String name = cp.prefix().substring(p.length());
          out.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
        }
        for (S3Object o : page.contents()) {
          out.add(o.key().substring(p.length()));
        }
      }
    } catch (SdkException e) {
      throw io("list", dir, e);
    }
    out.sort(null);
    return out;
  }

  @Override
  public Staged stage() throws IOException {
    Path file = Files.createTempFile("cellflow-s3-", ".part");
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    return new Staged() {
      @Override
      public OutputStream out() {
        return out;
      }

      @Override
      public void commit(String key, boolean replace) throws IOException {
        out.close();
        if (!replace && exists(key)) {
          return; // content-addressed: the same bytes are there already
        }
        try {
          MultipartUpload.upload(s3, bucket, key(key), file);
        } catch (SdkException e) {
          throw io("write", key, e);
        }
      }

      @Override
      public void close() throws IOException {
        out.close();
        Files.deleteIfExists(file);
      }
    };
  }

  @Override
  public boolean createExclusive(String key, byte[] bytes) throws IOException {
    try {
      s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key(key)).ifNoneMatch("*")
          .build(), RequestBody.fromBytes(bytes));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 412 || e.statusCode() == 409) {
        return false; // someone else created it first
      }
      throw io("create", key, e);
    } catch (SdkException e) {
      throw io("create", key, e);
    }
  }

  private IOException io(String what, String key, Exception e) {
    // the SDK's messages name the request, never the credentials
    return new IOException("cannot " + what + " " + root() + key + ": " + e.getMessage(), e);
  }
}
