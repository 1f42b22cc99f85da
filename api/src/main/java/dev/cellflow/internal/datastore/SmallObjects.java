package dev.cellflow.internal.datastore;

import dev.cellflow.datastore.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of recently read small content-addressed objects, per process. Such bytes never
 * change, so a copy is always right; each read still decodes them into a fresh value, so no two
 * readers share a mutable object. Without it, a join over 4,000 splits read the same list 4,000
 * times from disk.
 */
final class SmallObjects {
  /** Objects up to this size are kept. */
  static final long MAX = 1 << 20;
  private static final long BUDGET = 64L << 20;

  private static final Map<String, byte[]> KEPT = new LinkedHashMap<>(256, 0.75f, true);
  private static long kept;

  private SmallObjects() {}

  /** The object's bytes, verified by {@code check} when they are read from storage. */
  static byte[] bytes(Storage storage, String key, ArtifactCheck check) throws IOException {
    String id = storage.root() + "\u0000" + key;
    synchronized (KEPT) {
      byte[] b = KEPT.get(id);
      if (b != null) {
        return b;
      }
    }
    byte[] b;
    try (InputStream in = storage.read(key)) {
      b = in.readAllBytes();
    }
    check.update(b, 0, b.length);
    check.verify(); // only verified bytes are kept
    synchronized (KEPT) {
      if (KEPT.put(id, b) == null) {
        kept += b.length;
      }
      var it = KEPT.entrySet().iterator();
      while (kept > BUDGET && it.hasNext()) {
        kept -= it.next().getValue().length;
        it.remove();
      }
    }
    return b;
  }
}
