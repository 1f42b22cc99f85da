package dev.cellflow.internal.serialize;

import dev.cellflow.serialize.ArtifactSerializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Java records, Serializable or not: the record's class, then each component with the serializer
 * that takes it (so a record holding a {@code double[][]} stores it raw, and one holding a list
 * of records stores it with {@link ValueSerializer}). Reading builds the record through its
 * canonical constructor, for classes the {@link AllowList} accepts.
 */
public final class RecordSerializer implements ArtifactSerializer {
  @Override
  public String id() {
    return "record";
  }

  @Override
  public int priority() {
    return 60;
  }

  @Override
  public boolean canWrite(Object value) {
    if (!value.getClass().isRecord()) {
      return false;
    }
    for (Object v : Records.components(value)) {
      if (v != null && Serializers.forValue(v) == null) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void write(Object value, OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    Object[] vs = Records.components(value);
    d.writeUTF(value.getClass().getName());
    d.writeInt(vs.length);
    for (Object v : vs) {
      ArtifactSerializer s = v == null ? null : Serializers.forValue(v);
      d.writeUTF(s == null ? "" : s.id());
      if (s != null) {
        try (OutputStream frame = Framed.out(d)) {
          s.write(v, frame);
        }
      }
    }
    d.flush();
  }

  @Override
  public Object read(InputStream in, ClassLoader loader) throws IOException {
    DataInputStream d = new DataInputStream(in);
    String name = d.readUTF();
    Records.Shape shape = Records.Shape.of(name, d.readInt(), null, loader);
    Object[] args = new Object[shape.names().length];
    for (int i = 0; i < args.length; i++) {
      String id = d.readUTF();
      if (!id.isEmpty()) {
        try (InputStream frame = Framed.in(d)) {
          args[i] = Serializers.byId(id).read(frame, loader);
        }
      }
    }
    return shape.build(args);
  }
}
