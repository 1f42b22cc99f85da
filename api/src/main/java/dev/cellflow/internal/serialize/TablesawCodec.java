package dev.cellflow.internal.serialize;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/**
 * A table: its name, its row count, then per column its name, type name and values. Numbers,
 * dates and times go as Tablesaw's own internal arrays, so missing values (its sentinels) come
 * back missing; strings and booleans go value by value with a missing flag.
 */
final class TablesawCodec implements LibrarySerializer.Codec {
  private static final PrimitiveArraySerializer RAW = new PrimitiveArraySerializer();

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    Table t = (Table) value;
    DataOutputStream d = new DataOutputStream(out);
    d.writeUTF(t.name() == null ? "" : t.name());
    d.writeInt(t.rowCount());
    d.writeInt(t.columnCount());
    for (Column<?> c : t.columns()) {
      d.writeUTF(c.name());
      String type = c.type().name();
      d.writeUTF(type);
      switch (type) {
        case "DOUBLE" -> raw(d, ((DoubleColumn) c).asDoubleArray(), out);
        case "FLOAT" -> raw(d, ((FloatColumn) c).asFloatArray(), out);
        case "INTEGER" -> raw(d, ((IntColumn) c).asIntArray(), out);
        case "LONG" -> raw(d, ((LongColumn) c).asLongArray(), out);
        case "SHORT" -> raw(d, ((ShortColumn) c).asShortArray(), out);
        case "LOCAL_DATE", "LOCAL_TIME" -> {
          int[] a = new int[c.size()];
          for (int i = 0; i < a.length; i++) {
            a[i] = c instanceof DateColumn dc ? dc.getIntInternal(i)
                : ((TimeColumn) c).getIntInternal(i);
          }
          raw(d, a, out);
        }
        case "LOCAL_DATE_TIME", "INSTANT" -> {
          long[] a = new long[c.size()];
          for (int i = 0; i < a.length; i++) {
            a[i] = c instanceof DateTimeColumn dc ? dc.getLongInternal(i)
                : ((InstantColumn) c).getLongInternal(i);
          }
          raw(d, a, out);
        }
        case "STRING" -> {
          StringColumn s = (StringColumn) c;
          for (int i = 0; i < s.size(); i++) {
            d.writeBoolean(s.isMissing(i));
            if (!s.isMissing(i)) {
              byte[] b = s.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
              d.writeInt(b.length);
              d.write(b);
            }
          }
        }
        case "BOOLEAN" -> {
          BooleanColumn b = (BooleanColumn) c;
          for (int i = 0; i < b.size(); i++) {
            d.writeByte(b.isMissing(i) ? 2 : b.get(i) ? 1 : 0);
          }
        }
        default -> throw new IOException("Tablesaw column '" + c.name() + "' has type " + type
            + ", which cellflow does not store yet");
      }
    }
    d.flush();
  }

  private static void raw(DataOutputStream d, Object array, OutputStream out) throws IOException {
    d.flush();
    RAW.write(array, out);
  }

  @Override
  public Object read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    Table t = Table.create(d.readUTF());
    int rows = d.readInt();
    int cols = d.readInt();
    for (int c = 0; c < cols; c++) {
      String name = d.readUTF();
      String type = d.readUTF();
      Column<?> col = switch (type) {
        case "DOUBLE" -> DoubleColumn.create(name, (double[]) RAW.read(in, null));
        case "FLOAT" -> FloatColumn.create(name, (float[]) RAW.read(in, null));
        case "INTEGER" -> IntColumn.create(name, (int[]) RAW.read(in, null));
        case "LONG" -> LongColumn.create(name, (long[]) RAW.read(in, null));
        case "SHORT" -> ShortColumn.create(name, (short[]) RAW.read(in, null));
        case "LOCAL_DATE" -> DateColumn.createInternal(name, (int[]) RAW.read(in, null));
        case "LOCAL_TIME" -> TimeColumn.createInternal(name, (int[]) RAW.read(in, null));
        case "LOCAL_DATE_TIME" -> DateTimeColumn.createInternal(name, (long[]) RAW.read(in, null));
        case "INSTANT" -> InstantColumn.createInternal(name, (long[]) RAW.read(in, null));
        case "STRING" -> {
          StringColumn s = StringColumn.create(name);
          for (int i = 0; i < rows; i++) {
            if (d.readBoolean()) {
              s.appendMissing();
            } else {
              s.append(new String(d.readNBytes(d.readInt()),
                  java.nio.charset.StandardCharsets.UTF_8));
            }
          }
          yield s;
        }
        case "BOOLEAN" -> {
          BooleanColumn b = BooleanColumn.create(name);
          for (int i = 0; i < rows; i++) {
            int v = d.readByte();
            if (v == 2) {
              b.appendMissing();
            } else {
              b.append(v == 1);
            }
          }
          yield b;
        }
        default -> throw new IOException("stored Tablesaw column '" + name + "' has unknown type "
            + type);
      };
      t.addColumns(col);
    }
    return t;
  }
}
