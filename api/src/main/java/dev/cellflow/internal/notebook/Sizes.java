package dev.cellflow.internal.notebook;

import dev.cellflow.internal.serialize.Serializers;
import dev.cellflow.serialize.ArtifactSerializer;
import java.io.OutputStream;
import java.lang.reflect.Array;

/**
 * Estimates a value's size before anyone stores or moves it. Arrays (nested too) are measured
 * exactly without touching their elements' bytes, so a 48 GB matrix costs nothing to measure;
 * other values are written to a counting sink by the serializer that would store them.
 */
public final class Sizes {
  private Sizes() {}

  /** The value's size in bytes, as its elements take in memory or as serialized; -1 if unknown. */
  public static long estimate(Object value) {
    if (value == null) {
      return 0;
    }
    Class<?> c = value.getClass();
    if (c.isArray()) {
      int n = Array.getLength(value);
      Class<?> e = c.getComponentType();
      if (e.isPrimitive()) {
        return (long) n * primitiveBytes(e);
      }
      if (e.isArray()) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
          sum += estimate(Array.get(value, i));
        }
        return sum;
      }
    }
    ArtifactSerializer ser = Serializers.forValue(value);
    if (ser == null) {
      return -1;
    }
    Counting out = new Counting();
    try {
      ser.write(value, out);
    } catch (Exception e) {
      return -1;
    }
    return out.count;
  }

  private static int primitiveBytes(Class<?> t) {
    if (t == long.class || t == double.class) {
      return 8;
    }
    if (t == int.class || t == float.class) {
      return 4;
    }
    return t == short.class || t == char.class ? 2 : 1;
  }

  /** Counts bytes and keeps none. */
  private static final class Counting extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** A size for people: {@code 512 B}, {@code 3.2 MB}, {@code 48.0 GB}. */
  public static String human(long bytes) {
    if (bytes < 0) {
      return "unknown size";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
