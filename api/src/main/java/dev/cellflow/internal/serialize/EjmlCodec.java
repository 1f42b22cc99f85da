package dev.cellflow.internal.serialize;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

/** EJML's dense row-major matrices: kind, shape, then the data as raw arrays. */
final class EjmlCodec implements LibrarySerializer.Codec {
  private static final PrimitiveArraySerializer RAW = new PrimitiveArraySerializer();

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    if (value instanceof SimpleMatrix s) {
      d.writeByte('S');
      value = s.getMatrix();
    } else {
      d.writeByte('M');
    }
    if (value instanceof DMatrixRMaj m) {
      d.writeByte('D');
      d.writeInt(m.numRows);
      d.writeInt(m.numCols);
      d.flush();
      RAW.write(java.util.Arrays.copyOf(m.data, m.getNumElements()), out);
    } else if (value instanceof FMatrixRMaj m) {
      d.writeByte('F');
      d.writeInt(m.numRows);
      d.writeInt(m.numCols);
      d.flush();
      RAW.write(java.util.Arrays.copyOf(m.data, m.getNumElements()), out);
    } else {
      throw new IOException("EJML matrix of type " + value.getClass().getName()
          + " is not supported; use DMatrixRMaj, FMatrixRMaj or SimpleMatrix");
    }
  }

  @Override
  public Object read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    boolean simple = d.readByte() == 'S';
    int kind = d.readByte();
    int rows = d.readInt();
    int cols = d.readInt();
    Object data = RAW.read(in, null);
    Object m = kind == 'D' ? new DMatrixRMaj(rows, cols, true, (double[]) data)
        : new FMatrixRMaj(rows, cols, true, (float[]) data);
    return simple ? SimpleMatrix.wrap((org.ejml.data.Matrix) m) : m;
  }
}
