package dev.cellflow.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cellflow.internal.metadata.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.messages.HMACGenerator;

/**
 * What a message from a client must be before the protocol library reads it: identities, the
 * {@code <IDS|MSG>} delimiter, a signature, and the four JSON frames it signs (header, parent
 * header, metadata, content), the signature theirs under the connection's key and not one seen
 * before (Jupyter's messaging spec asks kernels to drop replays; ipykernel keeps the same
 * history). Blobs after the content are not signed and not read here.
 */
final class WireCheck {
  /** The frame between a message's identities and its signature. */
  static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  /** Frames after the delimiter that a message must have: signature and the four it signs. */
  static final int SIGNED_FRAMES = 5;
  /** Signatures remembered against replay; the oldest are forgotten past this many. */
  static final int HISTORY = 1 << 16;

  private final HMACGenerator hmac;
  private final Set<String> seen = new LinkedHashSet<>();

  WireCheck(HMACGenerator hmac) {
    this.hmac = hmac;
  }

  /** The index of the delimiter in {@code frames}, or -1. */
  static int delimiter(List<byte[]> frames) {
    for (int i = 0; i < frames.size(); i++) {
      if (java.util.Arrays.equals(DELIMITER, frames.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Why {@code frames} (a message up to its content frame) must be dropped, or null when the
   * library may read it. A message that passes is remembered, so that its replay does not.
   */
  String problem(List<byte[]> frames) {
    int d = delimiter(frames);
    if (d < 0) {
      return "no <IDS|MSG> delimiter";
    }
    if (frames.size() < d + 1 + SIGNED_FRAMES) {
      return "only " + (frames.size() - d - 1) + " of the " + SIGNED_FRAMES
          + " frames after <IDS|MSG>";
    }
    String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
    String expected = hmac.calculateSignature(frames.get(d + 2), frames.get(d + 3),
        frames.get(d + 4), frames.get(d + 5));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      return signature.isEmpty() ? "unsigned" : "wrong signature";
    }
    String json = notJson(frames.subList(d + 2, d + 6));
    if (json != null) {
      return json;
    }
    if (!signature.isEmpty() && !remember(signature)) {
      return "replayed signature";
    }
    return null;
  }

  /** Why the four signed frames are not JSON objects with a header Jupyter's way, or null. */
  private static String notJson(List<byte[]> signed) {
    String[] names = {"header", "parent header", "metadata", "content"};
    JsonNode header = null;
    for (int i = 0; i < names.length; i++) {
      try {
        JsonNode node = Json.mapper().readTree(signed.get(i));
        if (node == null || !node.isObject()) {
          return "the " + names[i] + " is not a JSON object";
        }
        header = i == 0 ? node : header;
      } catch (IOException e) {
        return "the " + names[i] + " is not JSON";
      }
    }
    return header.path("msg_type").isTextual() && header.path("msg_id").isTextual() ? null
        : "the header has no msg_type or msg_id";
  }

  /** Adds {@code signature} to the history; false when it was there already. */
  private synchronized boolean remember(String signature) {
    if (!seen.add(signature)) {
      return false;
    }
    if (seen.size() > HISTORY) {
      Iterator<String> oldest = seen.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }
}
