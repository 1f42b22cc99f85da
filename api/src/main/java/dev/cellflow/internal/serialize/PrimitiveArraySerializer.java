package dev.cellflow.internal.serialize;

import dev.cellflow.serialize.ArtifactSerializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Arrays of primitives and arrays of arrays of primitives ({@code double[][]}, the shape of a
 * matrix larger than one Java array can hold), as raw little-endian bytes streamed through a 1 MB
 * buffer: no per-element object, no copy of the whole artifact, no size limit.
 */
public final class PrimitiveArraySerializer implements ArtifactSerializer {
  private static final int CHUNK = 1 << 20;
  private static final String CODES = "DFJISCBZ";
  private static final Class<?>[] TYPES = {double[].class, float[].class, long[].class,
      int[].class, short[].class, char[].class, byte[].class, boolean[].class};
  private static final int[] WIDTH = {8, 4, 8, 4, 2, 2, 1, 1};

  @Override
  public String id() {
    return "prim";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public boolean canWrite(Object value) {
    Class<?> c = value.getClass();
    return code(c) >= 0 || (c.isArray() && code(c.getComponentType()) >= 0);
  }

  private static int code(Class<?> c) {
    for (int i = 0; i < TYPES.length; i++) {
      if (TYPES[i] == c) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    int one = code(value.getClass());
    if (one >= 0) {
      d.writeByte(1);
      d.writeByte(CODES.charAt(one));
      d.writeInt(java.lang.reflect.Array.getLength(value));
      writeRow(value, one, d, buf);
    } else {
      int elem = code(value.getClass().getComponentType());
      Object[] rows = (Object[]) value;
      d.writeByte(2);
      d.writeByte(CODES.charAt(elem));
      d.writeInt(rows.length);
      for (Object row : rows) {
        d.writeInt(row == null ? -1 : java.lang.reflect.Array.getLength(row));
        if (row != null) {
          writeRow(row, elem, d, buf);
        }
      }
    }
    d.flush();
  }

  private static void writeRow(Object row, int code, DataOutputStream d, ByteBuffer buf)
      throws IOException {
    int len = java.lang.reflect.Array.getLength(row);
    int per = CHUNK / WIDTH[code];
    for (int off = 0; off < len; off += per) {
      int n = Math.min(per, len - off);
      buf.clear();
      switch (code) {
        case 0 -> buf.asDoubleBuffer().put((double[]) row, off, n);
        case 1 -> buf.asFloatBuffer().put((float[]) row, off, n);
        case 2 -> buf.asLongBuffer().put((long[]) row, off, n);
        case 3 -> buf.asIntBuffer().put((int[]) row, off, n);
        case 4 -> buf.asShortBuffer().put((short[]) row, off, n);
        case 5 -> buf.asCharBuffer().put((char[]) row, off, n);
        case 6 -> buf.put((byte[]) row, off, n);
        default -> {
          boolean[] b = (boolean[]) row;
          for (int i = 0; i < n; i++) {
            buf.put((byte) (b[off + i] ? 1 : 0));
          }
        }
      }
      d.write(buf.array(), 0, n * WIDTH[code]);
    }
  }

  @Override
  public Object read(InputStream in, ClassLoader loader) throws IOException {
    DataInputStream d = new DataInputStream(in);
    int dims = d.readByte();
    int code = CODES.indexOf((char) d.readByte());
    if (code < 0 || (dims != 1 && dims != 2)) {
      throw new IOException("not a primitive-array artifact (bad header)");
    }
    ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    if (dims == 1) {
      return readRow(d, code, d.readInt(), buf);
    }
    int rows = d.readInt();
    Object[] out = (Object[]) java.lang.reflect.Array.newInstance(TYPES[code], rows);
    for (int r = 0; r < rows; r++) {
      int len = d.readInt();
      out[r] = len < 0 ? null : readRow(d, code, len, buf);
    }
    return out;
  }

  private static Object readRow(DataInputStream d, int code, int len, ByteBuffer buf)
      throws IOException {
    Object row = java.lang.reflect.Array.newInstance(TYPES[code].getComponentType(), len);
    int per = CHUNK / WIDTH[code];
    for (int off = 0; off < len; off += per) {
      int n = Math.min(per, len - off);
      buf.clear();
      d.readFully(buf.array(), 0, n * WIDTH[code]);
      buf.limit(n * WIDTH[code]);
      switch (code) {
        case 0 -> buf.asDoubleBuffer().get((double[]) row, off, n);
        case 1 -> buf.asFloatBuffer().get((float[]) row, off, n);
        case 2 -> buf.asLongBuffer().get((long[]) row, off, n);
        case 3 -> buf.asIntBuffer().get((int[]) row, off, n);
        case 4 -> buf.asShortBuffer().get((short[]) row, off, n);
        case 5 -> buf.asCharBuffer().get((char[]) row, off, n);
        case 6 -> buf.get((byte[]) row, off, n);
        default -> {
          boolean[] b = (boolean[]) row;
          for (int i = 0; i < n; i++) {
            b[off + i] = buf.get(i) != 0;
          }
        }
      }
    }
    return row;
  }
}
