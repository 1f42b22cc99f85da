package dev.cellflow.internal.datastore;

import dev.cellflow.internal.metadata.ArtifactRef;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Whether the bytes read for an artifact are the bytes that were stored: their count against the
 * ref's size, and their CRC32C against the ref's checksum (for refs written before checksums, the
 * SHA-256 in the content key). Fed as the bytes pass, so a check costs no second read and no copy.
 * CRC32C because it runs at memory speed (a CPU instruction); SHA-256 on every read would cost
 * a 1 GiB load more than it takes now.
 */
final class ArtifactCheck {
  static final String CRC32C_PREFIX = "crc32c:";

  private final ArtifactRef ref;
  private final CRC32C crc;
  private final MessageDigest sha;
  private long count;

  ArtifactCheck(ArtifactRef ref) {
    this.ref = ref;
    boolean crcStored = ref.checksum() != null && ref.checksum().startsWith(CRC32C_PREFIX);
    this.crc = crcStored ? new CRC32C() : null;
    this.sha = crcStored ? null : sha256();
  }

  /** A CRC32C value as a ref stores it. */
  static String checksum(long crc32c) {
    return CRC32C_PREFIX + String.format("%08x", crc32c);
  }

  void update(byte[] b, int off, int len) {
    count += len;
    if (crc != null) {
      crc.update(b, off, len);
    } else {
      sha.update(b, off, len);
    }
  }

  /** Null when the bytes seen so far are all the stored bytes; else what is wrong with them. */
  String problem() {
    return problem(count, crc == null ? null : checksum(crc.getValue()));
  }

  /**
   * Null when {@code length} bytes whose CRC32C is {@code crc} (null: the SHA-256 fed to this
   * check) are the stored ones; else what is wrong with them.
   */
  String problem(long length, String crcSeen) {
    if (length != ref.size()) {
      return "it has " + length + " bytes where " + ref.size() + " were stored (truncated or"
          + " appended to)";
    }
    if (crcSeen != null) {
      return crcSeen.equals(ref.checksum()) ? null
          : "its bytes do not match their checksum (" + crcSeen + " read, " + ref.checksum()
              + " stored): bit rot or an altered file";
    }
    String hex = HexFormat.of().formatHex(sha.digest());
    return ref.key().endsWith(hex) ? null
        : "its bytes do not match the SHA-256 in its name (read " + hex + "): bit rot or an"
            + " altered file";
  }

  /** Throws {@link Mismatch} when {@link #problem()} finds one. */
  void verify() throws Mismatch {
    String p = problem();
    if (p != null) {
      throw new Mismatch(p);
    }
  }

  /** Stored bytes that are not the ones written; the message says how. */
  static final class Mismatch extends IOException {
    Mismatch(String problem) {
      super(problem);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
